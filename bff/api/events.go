package api

import (
	"net/http"
	"sort"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"v6admin/bff/apierr"
	"v6admin/bff/events"
	"v6admin/engine/client"
	"v6admin/wire"
)

func (h *handlers) bindEvents(g *echo.Group) {
	g.GET("/events", h.listEvents)
}

// listEvents lists events: ?max= (1–1000, default 100), ?from= (only newer
// than this id), ?severity= (normal, warning, error, alert: that or worse),
// and the engine's own search terms ?host= (event_host), ?code= (type) and
// ?correlation_id= (the events of one request).
func (h *handlers) listEvents(c echo.Context) error {
	s, err := h.engine(c)
	if err != nil {
		return err
	}
	fields := map[string]wire.FieldError{}
	opts := client.EventsOptions{Max: 100}
	if v := c.QueryParam("max"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > 1000 {
			fields["max"] = wire.FieldError{Code: "out_of_range", Message: "max must be a whole number from 1 to 1000."}
		}
		opts.Max = n
	}
	if v := c.QueryParam("from"); v != "" {
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil || n < 0 {
			fields["from"] = wire.FieldError{Code: "syntax", Message: "from must be the id of an event: a whole number, 0 or more."}
		}
		opts.From = n
	}
	var terms []string
	switch sev := c.QueryParam("severity"); sev {
	case "", "normal":
	case "warning", "error", "alert":
		terms = append(terms, "severity>="+sev)
	default:
		fields["severity"] = wire.FieldError{Code: "not_allowed", Message: "This field must be one of: normal, warning, error, alert."}
	}
	terms = append(terms, eventFilters(c, fields)...)
	if text := strings.TrimSpace(c.QueryParam("search")); text != "" {
		if len(text) > 200 || strings.ContainsAny(text, "\"*\x00\r\n") {
			fields["search"] = wire.FieldError{Code: "syntax", Message: "Search for up to 200 characters of an event's message, without quotes or asterisks."}
		}
		// The engine's search language (AuditLogConditionFieldAutoCompleter):
		// message matches a pattern, quoted for spaces.
		terms = append(terms, `message="*`+text+`*"`)
	}
	page := 1
	if v := c.QueryParam("page"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > 100000 {
			fields["page"] = wire.FieldError{Code: "out_of_range", Message: "page must be a whole number from 1."}
		}
		page = n
	}
	if len(fields) > 0 {
		return apierr.Validation(fields)
	}
	// "page N" pages by max, as the engine's search does.
	search := strings.Join(append(terms, "sortby time desc"), " and ")
	search = strings.Replace(search, " and sortby", " sortby", 1)
	if page > 1 {
		search += " page " + strconv.Itoa(page)
	}
	opts.Search = search
	evs, err := s.ListEvents(engineCtx(c), opts)
	if err != nil {
		return engineError(err)
	}
	out := wire.EventList{Events: []wire.Event{}, Page: page, More: len(evs) >= opts.Max}
	names := h.refNames(c, s)
	for _, e := range evs {
		if ev, ok := events.FromAPI(e); ok {
			nameEventRefs(names, &ev)
			out.Events = append(out.Events, ev)
			out.LastID = max(out.LastID, ev.ID)
		}
	}
	sort.SliceStable(out.Events, func(i, j int) bool { return out.Events[i].ID > out.Events[j].ID })
	return c.JSON(http.StatusOK, out)
}

// eventFilters turns ?host=, ?code= and ?correlation_id= into engine search
// terms. Their values are restricted to what
// the engine writes there (host names, numbers, its correlation id
// alphabet), so a value cannot change the query.
func eventFilters(c echo.Context, fields map[string]wire.FieldError) []string {
	var terms []string
	if v := c.QueryParam("host"); v != "" {
		if !searchSafe(v, 255, ".") {
			fields["host"] = wire.FieldError{Code: "syntax", Message: "host must be a host name: letters, digits, '.', '-' and '_'."}
		}
		terms = append(terms, "event_host="+v)
	}
	if v := c.QueryParam("code"); v != "" {
		if n, err := strconv.Atoi(v); err != nil || n < 0 {
			fields["code"] = wire.FieldError{Code: "syntax", Message: "code must be an event code: a whole number, 0 or more."}
		}
		terms = append(terms, "type="+v)
	}
	if v := c.QueryParam("correlation_id"); v != "" {
		if !searchSafe(v, 36, "") {
			fields["correlation_id"] = wire.FieldError{Code: "syntax", Message: "correlation_id must have at most 36 letters, digits, '-' and '_'."}
		}
		terms = append(terms, "correlation_id="+v)
	}
	return terms
}

// searchSafe reports whether s has at most n characters, each a letter, a
// digit, '-', '_' or one of extra.
func searchSafe(s string, n int, extra string) bool {
	if len(s) > n {
		return false
	}
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '_' || strings.ContainsRune(extra, r)) {
			return false
		}
	}
	return true
}

// nameEventRefs fills in the names an event's references lack. The engine
// writes them from the audit log's own columns (EventMapper: vds_name,
// cluster_name, storage_pool_name, storage_domain_name, user_name), which
// can be empty; hosts, clusters, data centers, storage domains and VMs are then
// named from their lists (once per request), a user by its id (the BFF
// lists no users).
func nameEventRefs(names *refNames, ev *wire.Event) {
	for _, r := range []struct {
		k   refKind
		ref *wire.Ref
	}{{refHosts, ev.Host}, {refClusters, ev.Cluster}, {refDataCenters, ev.DataCenter}, {refStorageDomains, ev.StorageDomain}, {refVMs, ev.VM}} {
		if r.ref != nil {
			names.name(r.k, r.ref.ID, &r.ref.Name)
		}
	}
	if u := ev.User; u != nil && u.Name == "" {
		u.Name = u.ID
	}
}
