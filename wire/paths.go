package wire

import "net/url"

// Paths of /api and /ws, as the UI calls them; ids are path-escaped. The
// BFF registers the same routes (bff/server/testdata/routes.golden; the
// wire tests check every path below against it).
const (
	PathSession        = "/api/session"
	PathLoginInfo      = "/api/login-info"
	PathClusters       = "/api/clusters"
	PathHosts          = "/api/hosts"
	PathEngineSSHKey   = "/api/engine-ssh-key"
	PathEvents         = "/api/events"
	PathProviders      = "/api/providers"
	PathProviderTest   = "/api/providers/test"
	PathStorageDomains = "/api/storage-domains"
	PathNFSDomains     = "/api/storage-domains/nfs"
	PathISCSIDomains   = "/api/storage-domains/iscsi"
	PathWS             = "/ws"
)

func esc(id string) string { return url.PathEscape(id) }

// HostPath is /api/hosts/:id, or a sub-resource of it with sub ("network",
// "fence-agents/order", …; not escaped).
func HostPath(id string, sub ...string) string {
	p := PathHosts + "/" + esc(id)
	for _, s := range sub {
		p += "/" + s
	}
	return p
}

// FenceAgentPath is /api/hosts/:id/fence-agents/:agent, or …/test with
// test.
func FenceAgentPath(hostID, agentID string, test bool) string {
	p := HostPath(hostID, "fence-agents", esc(agentID))
	if test {
		p += "/test"
	}
	return p
}

// ProviderPath is /api/providers/:kind/:id.
func ProviderPath(kind, id string) string {
	return PathProviders + "/" + esc(kind) + "/" + esc(id)
}

// PathVMs is GET /api/vms.
const PathVMs = "/api/vms"

// VMPath is /api/vms/:id, or a sub-resource of it with sub ("start",
// "console.vv", "migration-plan"; not escaped).
func VMPath(id string, sub ...string) string {
	p := PathVMs + "/" + esc(id)
	for _, s := range sub {
		p += "/" + s
	}
	return p
}

// PathReadiness is GET /api/readiness.
const PathReadiness = "/api/readiness"

// ReadinessPath is /api/readiness with its query: format "csv" (or "" for
// JSON) and the filters kind, family and severity ("" leaves one out).
func ReadinessPath(format, kind, family, severity string) string {
	q := url.Values{}
	for _, kv := range [][2]string{{"format", format}, {"kind", kind}, {"family", family}, {"severity", severity}} {
		if kv[1] != "" {
			q.Set(kv[0], kv[1])
		}
	}
	if len(q) == 0 {
		return PathReadiness
	}
	return PathReadiness + "?" + q.Encode()
}
