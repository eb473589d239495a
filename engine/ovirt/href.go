package ovirt

import (
	"net/url"
	"strings"
)

// Prefix is the path prefix of every href.
const Prefix = "/ovirt-engine/api"

// Href joins path segments under Prefix, escaping each segment:
// Href("hosts", id, "nics", nicID) = "/ovirt-engine/api/hosts/<id>/nics/<nicID>".
func Href(segments ...string) string {
	var b strings.Builder
	b.WriteString(Prefix)
	for _, s := range segments {
		b.WriteByte('/')
		b.WriteString(url.PathEscape(s))
	}
	return b.String()
}

// NewLink returns {href: Href(segments...), rel: rel}.
func NewLink(rel string, segments ...string) Link {
	return Link{Href: Href(segments...), Rel: rel}
}

// SubLinks returns one link per rel under base, e.g.
// SubLinks(host.Href, "nics", "networkattachments").
func SubLinks(base string, rels ...string) []Link {
	links := make([]Link, len(rels))
	for i, rel := range rels {
		links[i] = Link{Href: base + "/" + rel, Rel: rel}
	}
	return links
}

// NewActions returns an actions member with one link per action name under
// base, e.g. NewActions(host.Href, "setupnetworks", "fence").
func NewActions(base string, names ...string) *Actions {
	return &Actions{Link: SubLinks(base, names...)}
}

// FindLink returns the first link with the given rel.
func FindLink(links []Link, rel string) (Link, bool) {
	for _, l := range links {
		if l.Rel == rel {
			return l, true
		}
	}
	return Link{}, false
}

// Find returns the action link with the given rel; nil-safe.
func (a *Actions) Find(rel string) (Link, bool) {
	if a == nil {
		return Link{}, false
	}
	return FindLink(a.Link, rel)
}

// References: {"href": ..., "id": ...}.

// HostRef returns a reference to /hosts/{id}.
func HostRef(id string) *Host { return &Host{ID: id, Href: Href("hosts", id)} }

// ClusterRef returns a reference to /clusters/{id}.
func ClusterRef(id string) *Cluster { return &Cluster{ID: id, Href: Href("clusters", id)} }

// DataCenterRef returns a reference to /datacenters/{id}.
func DataCenterRef(id string) *DataCenter {
	return &DataCenter{ID: id, Href: Href("datacenters", id)}
}

// NetworkRef returns a reference to /networks/{id}.
func NetworkRef(id string) *Network { return &Network{ID: id, Href: Href("networks", id)} }

// HostNicRef returns a reference to /hosts/{hostID}/nics/{id}.
func HostNicRef(hostID, id string) *HostNic {
	return &HostNic{ID: id, Href: Href("hosts", hostID, "nics", id)}
}

// StorageDomainRef returns a reference to /storagedomains/{id}.
func StorageDomainRef(id string) *StorageDomain {
	return &StorageDomain{ID: id, Href: Href("storagedomains", id)}
}

// JobRef returns a reference to /jobs/{id}.
func JobRef(id string) *Job { return &Job{ID: id, Href: Href("jobs", id)} }
