package api

import (
	"context"
	"log/slog"
	"sync"

	"github.com/labstack/echo/v4"

	"v6admin/engine/client"
	"v6admin/wire"
)

// refKind is an engine collection whose members references name.
type refKind string

// The collections references are resolved from.
const (
	refClusters       refKind = "clusters"
	refDataCenters    refKind = "datacenters"
	refHosts          refKind = "hosts"
	refNetworks       refKind = "networks"
	refStorageDomains refKind = "storagedomains"
	refVMs            refKind = "vms"
)

// refNames resolves the names of engine references that came by id only.
// A real engine writes most references as {"href", "id"} (a host's
// cluster, a NIC's network, an attachment's host_nic and network, bond
// slaves, a storage domain's data centers: HostMapper, HostNicMapper and
// BackendHostNicsResource, NetworkAttachmentMapper, StorageDomainMapper).
// One refNames lives for one request: the first reference of a kind
// without a name lists that collection once (one engine call per
// collection per request, however many rows refer to it, concurrent rows
// included); names the request read anyway are seeded and cost no call.
// A name that cannot be had (an object removed meanwhile, a list the user
// may not read, an engine error) is shown as the id, never as nothing.
type refNames struct {
	s   *client.Session
	ctx context.Context
	log *slog.Logger

	mu    sync.Mutex
	known map[refKind]map[string]string
	lists map[refKind]*refList
}

// refList is one collection, listed at most once.
type refList struct {
	once  sync.Once
	names map[string]string
}

// refNames returns the resolver of one request.
func (h *handlers) refNames(c echo.Context, s *client.Session) *refNames {
	return &refNames{s: s, ctx: engineCtx(c), log: h.Log, known: map[refKind]map[string]string{}, lists: map[refKind]*refList{}}
}

// seed records a name the request already has.
func (n *refNames) seed(k refKind, id, name string) {
	if id == "" || name == "" {
		return
	}
	n.mu.Lock()
	defer n.mu.Unlock()
	m := n.known[k]
	if m == nil {
		m = map[string]string{}
		n.known[k] = m
	}
	m[id] = name
}

// lookup returns the name of the object id of kind k: seeded, else from
// the collection, listed on the first miss.
func (n *refNames) lookup(k refKind, id string) (string, bool) {
	n.mu.Lock()
	if name, ok := n.known[k][id]; ok {
		n.mu.Unlock()
		return name, true
	}
	l := n.lists[k]
	if l == nil {
		l = &refList{}
		n.lists[k] = l
	}
	n.mu.Unlock()
	l.once.Do(func() { l.names = n.list(k) })
	name, ok := l.names[id]
	return name, ok && name != ""
}

// list reads every name of a collection; on error it logs and returns
// none (the references then show their ids).
func (n *refNames) list(k refKind) map[string]string {
	out := map[string]string{}
	var err error
	switch k {
	case refClusters:
		cls, e := n.s.ListClusters(n.ctx, client.ListOptions{})
		for _, v := range cls {
			out[v.ID] = v.Name
		}
		err = e
	case refDataCenters:
		dcs, e := n.s.ListDataCenters(n.ctx, client.ListOptions{})
		for _, v := range dcs {
			out[v.ID] = v.Name
		}
		err = e
	case refHosts:
		hs, e := n.s.ListHosts(n.ctx, client.ListOptions{})
		for _, v := range hs {
			out[v.ID] = v.Name
		}
		err = e
	case refNetworks:
		nets, e := n.s.ListNetworks(n.ctx, client.ListOptions{})
		for _, v := range nets {
			out[v.ID] = v.Name
		}
		err = e
	case refStorageDomains:
		sds, e := n.s.ListStorageDomains(n.ctx, client.ListOptions{})
		for _, v := range sds {
			out[v.ID] = v.Name
		}
		err = e
	case refVMs:
		vms, e := n.s.ListVMs(n.ctx, client.ListOptions{})
		for _, v := range vms {
			out[v.ID] = v.Name
		}
		err = e
	}
	if err != nil {
		n.log.Warn("reading names for references failed; showing ids", "collection", string(k), "err", err)
	}
	return out
}

// name sets *name when it is empty: the object's name, or its id when the
// name cannot be had. A reference without an id keeps what it has.
func (n *refNames) name(k refKind, id string, name *string) {
	if *name != "" || id == "" {
		return
	}
	if v, ok := n.lookup(k, id); ok {
		*name = v
		return
	}
	*name = id
}

// ref fills in the name of r (nil is left alone).
func (n *refNames) ref(k refKind, r *wire.Ref) {
	if r != nil {
		n.name(k, r.ID, &r.Name)
	}
}
