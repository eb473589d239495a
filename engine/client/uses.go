package client

// Uses reports whether v6admin reads member (its JSON name) of an oVirt
// model type (e.g. "HostNic", "ipv6"): the members the tolerant reader
// decodes strictly. Tests that compare engine answers with the fixtures
// use it.
func Uses(modelType, member string) bool { return used[modelType+"."+member] }
