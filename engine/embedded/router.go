package embedded

import (
	"net/http"
	"strconv"
	"strings"

	"v6admin/engine/ovirt"
)

// handlerFunc is an API handler; a returned error is written with its wire
// shape (see apiError).
type handlerFunc func(w http.ResponseWriter, r *http.Request) error

func (e *Engine) wrap(fn handlerFunc) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if err := fn(w, r); err != nil {
			e.writeError(w, r, err)
		}
	})
}

// patternMux is a ServeMux that keeps its patterns: the route table
// (testdata/routes.golden).
type patternMux struct {
	*http.ServeMux
	patterns []string
}

func (m *patternMux) Handle(pattern string, h http.Handler) {
	m.patterns = append(m.patterns, pattern)
	m.ServeMux.Handle(pattern, h)
}

func (m *patternMux) HandleFunc(pattern string, h func(http.ResponseWriter, *http.Request)) {
	m.Handle(pattern, http.HandlerFunc(h))
}

// routes registers every endpoint with Go 1.22 method patterns.
func (e *Engine) routes() *patternMux {
	mux := &patternMux{ServeMux: http.NewServeMux()}
	mux.HandleFunc("POST /ovirt-engine/sso/oauth/token", e.ssoToken)
	mux.HandleFunc("POST /ovirt-engine/services/sso-logout", e.ssoLogout)
	mux.HandleFunc("GET /ovirt-engine/services/pki-resource", e.pkiResource)

	const p = ovirt.Prefix
	h := func(pattern string, fn handlerFunc) {
		method, path, _ := strings.Cut(pattern, " ")
		mux.Handle(method+" "+p+path, e.wrap(fn))
	}
	mux.Handle("GET "+p, e.wrap(e.getRoot))
	h("GET /{$}", e.getRoot)

	// hosts
	h("GET /hosts", e.listHosts)
	h("POST /hosts", e.addHost)
	h("GET /hosts/{id}", e.getHost)
	h("PUT /hosts/{id}", e.updateHost)
	h("DELETE /hosts/{id}", e.removeHost)
	h("GET /hosts/{id}/statistics", e.hostStatistics)
	h("POST /hosts/{id}/activate", e.activateHost)
	h("POST /hosts/{id}/deactivate", e.deactivateHost)
	h("POST /hosts/{id}/install", e.installHost)
	h("POST /hosts/{id}/refresh", e.refreshHost)

	// host networking
	h("GET /hosts/{id}/nics", e.listNics)
	h("GET /hosts/{id}/nics/{nic}", e.getNic)
	h("GET /hosts/{id}/nics/{nic}/statistics", e.nicStatistics)
	h("GET /hosts/{id}/networkattachments", e.listAttachments)
	h("POST /hosts/{id}/networkattachments", e.addAttachment)
	h("GET /hosts/{id}/networkattachments/{att}", e.getAttachment)
	h("PUT /hosts/{id}/networkattachments/{att}", e.updateAttachment)
	h("DELETE /hosts/{id}/networkattachments/{att}", e.removeAttachment)
	h("GET /hosts/{id}/nics/{nic}/networkattachments", e.listAttachments)
	h("POST /hosts/{id}/nics/{nic}/networkattachments", e.addAttachment)
	h("GET /hosts/{id}/nics/{nic}/networkattachments/{att}", e.getAttachment)
	h("PUT /hosts/{id}/nics/{nic}/networkattachments/{att}", e.updateAttachment)
	h("DELETE /hosts/{id}/nics/{nic}/networkattachments/{att}", e.removeAttachment)
	h("POST /hosts/{id}/setupnetworks", e.setupNetworks)
	h("POST /hosts/{id}/commitnetconfig", e.commitNetConfig)
	h("POST /hosts/{id}/syncallnetworks", e.syncAllNetworks)

	// power management
	h("GET /hosts/{id}/fenceagents", e.listAgents)
	h("POST /hosts/{id}/fenceagents", e.addAgent)
	h("GET /hosts/{id}/fenceagents/{ag}", e.getAgent)
	h("PUT /hosts/{id}/fenceagents/{ag}", e.updateAgent)
	h("DELETE /hosts/{id}/fenceagents/{ag}", e.removeAgent)
	h("POST /hosts/{id}/fence", e.fence)

	// iSCSI
	h("POST /hosts/{id}/discoveriscsi", e.discoverISCSI)
	h("POST /hosts/{id}/iscsidiscover", e.iscsiDiscover)
	h("POST /hosts/{id}/iscsilogin", e.iscsiLogin)
	h("GET /hosts/{id}/storage", e.listHostStorage)
	h("GET /hosts/{id}/storage/{sid}", e.getHostStorage)

	// storage domains
	h("GET /storagedomains", e.listStorageDomains)
	h("POST /storagedomains", e.addStorageDomain)
	h("GET /storagedomains/{id}", e.getStorageDomain)
	h("PUT /storagedomains/{id}", e.updateStorageDomain)
	h("DELETE /storagedomains/{id}", e.removeStorageDomain)

	// data centers, clusters, networks
	h("GET /datacenters", e.listDataCenters)
	h("GET /datacenters/{id}", e.getDataCenter)
	h("GET /datacenters/{id}/clusters", e.listDataCenterClusters)
	h("GET /datacenters/{id}/networks", e.listDataCenterNetworks)
	h("GET /datacenters/{id}/storagedomains", e.listAttachedStorageDomains)
	h("POST /datacenters/{id}/storagedomains", e.attachStorageDomain)
	h("GET /datacenters/{id}/storagedomains/{sd}", e.getAttachedStorageDomain)
	h("DELETE /datacenters/{id}/storagedomains/{sd}", e.detachStorageDomain)
	h("GET /clusters", e.listClusters)
	h("GET /clusters/{id}", e.getCluster)
	h("GET /clusters/{id}/networks", e.listClusterNetworks)
	h("GET /clusters/{id}/networks/{nid}", e.getClusterNetwork)
	h("GET /networks", e.listNetworks)
	h("POST /networks", e.addNetwork)
	h("GET /networks/{id}", e.getNetwork)
	h("DELETE /networks/{id}", e.removeNetwork)
	h("GET /vnicprofiles", e.listVnicProfiles)
	h("GET /vnicprofiles/{id}", e.getVnicProfile)

	// providers
	for _, k := range []providerKind{osnpKind, ehpKind} {
		k := k
		h("GET /"+k.path, func(w http.ResponseWriter, r *http.Request) error { return e.listProviders(w, r, k) })
		h("POST /"+k.path, func(w http.ResponseWriter, r *http.Request) error { return e.addProvider(w, r, k) })
		h("GET /"+k.path+"/{id}", func(w http.ResponseWriter, r *http.Request) error { return e.getProvider(w, r, k) })
		h("PUT /"+k.path+"/{id}", func(w http.ResponseWriter, r *http.Request) error { return e.updateProvider(w, r, k) })
		h("DELETE /"+k.path+"/{id}", func(w http.ResponseWriter, r *http.Request) error { return e.removeProvider(w, r, k) })
		h("POST /"+k.path+"/{id}/testconnectivity", func(w http.ResponseWriter, r *http.Request) error { return e.testProvider(w, r, k) })
		h("GET /"+k.path+"/{id}/certificates", func(w http.ResponseWriter, r *http.Request) error { return e.providerCertificates(w, r, k) })
		h("GET /"+k.path+"/{id}/certificates/{cert}", func(w http.ResponseWriter, r *http.Request) error { return e.providerCertificates(w, r, k) })
		h("POST /"+k.path+"/{id}/importcertificates", func(w http.ResponseWriter, r *http.Request) error { return e.importCertificates(w, r, k) })
	}

	// virtual machines
	h("GET /vms", e.listVMs)
	h("POST /vms", e.addVM)
	h("GET /vms/{id}", e.getVM)
	h("PUT /vms/{id}", e.updateVM)
	h("DELETE /vms/{id}", e.removeVM)
	h("GET /vms/{id}/nics", e.listVMNics)
	h("GET /vms/{id}/sessions", e.listVMSessions)
	h("GET /vms/{id}/graphicsconsoles", e.listGraphicsConsoles)
	h("POST /vms/{id}/graphicsconsoles/{console}/remoteviewerconnectionfile", e.remoteViewerFile)
	h("POST /vms/{id}/start", e.startVM)
	h("POST /vms/{id}/stop", e.stopVM)
	h("POST /vms/{id}/shutdown", e.shutdownVM)
	h("POST /vms/{id}/migrate", e.migrateVM)

	// events and jobs
	h("GET /events", e.listEvents)
	h("GET /events/{id}", e.getEvent)
	h("DELETE /events/{id}", e.removeEvent)
	h("GET /jobs", e.listJobs)
	h("GET /jobs/{id}", e.getJob)
	h("GET /jobs/{id}/steps", e.listSteps)
	h("GET /jobs/{id}/steps/{step}", e.getStep)
	return mux
}

// serve is the top-level handler: authentication, API version and
// representation checks, body limit, then routing. Paths that match no
// route answer with the status alone (404 and 405 without a body).
func (e *Engine) serve(w http.ResponseWriter, r *http.Request) {
	// The engine takes the Correlation-Id header, else the correlation_id
	// parameter, cleaned; handlers read the cleaned header.
	cid := cleanCorrelationID(r.Header.Get("Correlation-Id"))
	if cid == "" && r.URL.RawQuery != "" {
		cid = cleanCorrelationID(r.URL.Query().Get("correlation_id"))
	}
	if cid != "" {
		r.Header.Set("Correlation-Id", cid)
		w.Header().Set("Correlation-Id", cid)
	} else {
		r.Header.Del("Correlation-Id")
	}
	path := r.URL.Path
	if path == ovirt.Prefix || strings.HasPrefix(path, ovirt.Prefix+"/") {
		if !e.authenticate(r) {
			w.Header().Add("WWW-Authenticate", `Bearer realm="RESTAPI"`)
			w.Header().Add("WWW-Authenticate", `Basic realm="RESTAPI"`)
			w.WriteHeader(http.StatusUnauthorized)
			return
		}
		rep, ok := negotiate(r)
		if !ok {
			w.WriteHeader(http.StatusNotAcceptable)
			return
		}
		w = &repWriter{ResponseWriter: w, rep: rep}
		if v := strings.TrimSpace(r.Header.Get("Version")); v != "" && v != "4" {
			_ = writeJSON(w, http.StatusBadRequest, &ovirt.Fault{Reason: reasonFailed, Detail: bracket("API version " + v + " is not supported by this engine; send Version: 4 or no Version header.")})
			return
		}
	}
	r.Body = http.MaxBytesReader(w, r.Body, e.cfg.MaxBodyBytes)
	// mux.Handler does not set path values: let the mux serve matched
	// requests itself.
	if h, pattern := e.mux.Handler(r); pattern == "" {
		h.ServeHTTP(statusOnly{w}, r)
		return
	}
	e.mux.ServeHTTP(w, r)
}

// statusOnly drops the body the ServeMux writes for 404 and 405.
type statusOnly struct{ http.ResponseWriter }

func (s statusOnly) WriteHeader(code int) {
	s.Header().Del("Content-Type")
	s.ResponseWriter.WriteHeader(code)
}

func (s statusOnly) Write(b []byte) (int, error) { return len(b), nil }

// location is the absolute URL of href as seen by the client (scheme and
// Host header of the request; an IPv6 literal host keeps its brackets).
func location(r *http.Request, href string) string {
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	return scheme + "://" + r.Host + href
}

// created writes 201 with a Location header.
func created(w http.ResponseWriter, r *http.Request, href string, v any) error {
	w.Header().Set("Location", location(r, href))
	return writeJSON(w, http.StatusCreated, v)
}

// queryBool reads a boolean query parameter (true/false).
func queryBool(r *http.Request, name string, def bool) (bool, error) {
	v := r.URL.Query().Get(name)
	switch strings.ToLower(v) {
	case "":
		return def, nil
	case "true":
		return true, nil
	case "false":
		return false, nil
	}
	return false, invalidValue(v + " is not a valid boolean value for " + name)
}

// queryMax reads ?max=; -1 means no limit.
func queryMax(r *http.Request) (int, error) {
	v := r.URL.Query().Get("max")
	if v == "" {
		return -1, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil {
		return 0, invalidValue(v + " is not a valid integer value for max")
	}
	if n < 0 {
		return -1, nil
	}
	return n, nil
}

// correlationID returns the request's Correlation-Id (cleaned) or a fresh
// one.
func correlationID(r *http.Request) string {
	if r != nil {
		if cid := cleanCorrelationID(r.Header.Get("Correlation-Id")); cid != "" {
			return cid
		}
	}
	return newID()[:8]
}

// maxCorrelationID is the longest Correlation-Id the engine keeps.
const maxCorrelationID = 36

// cleanCorrelationID is the engine's REST filter on a Correlation-Id
// (restapi CurrentFilter.filterCorrelationIdCharacters): every character
// outside [0-9a-zA-Z_-] is removed, and what remains is cut to 36
// characters; "" means none (the caller makes one).
func cleanCorrelationID(cid string) string {
	var b []byte
	for i := 0; i < len(cid) && len(b) < maxCorrelationID; i++ {
		switch c := cid[i]; {
		case c >= '0' && c <= '9', c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c == '_', c == '-':
			b = append(b, c)
		}
	}
	return string(b)
}
