package embedded

import (
	"net/http"
	"slices"
	"strconv"
	"strings"

	"v6admin/engine/embedded/store"
	"v6admin/engine/ovirt"
)

var eventSearchFields = map[string]fieldSpec[ovirt.Event]{
	"severity": {fieldSeverity, func(ev *ovirt.Event) string { return string(ev.Severity) }},
	"type":     {fieldNumber, func(ev *ovirt.Event) string { return strconv.FormatInt(ev.Code.Value(), 10) }},
	"index":    {fieldNumber, func(ev *ovirt.Event) string { return strconv.FormatInt(ev.Index.Value(), 10) }},
	"time":     {fieldNumber, func(ev *ovirt.Event) string { return strconv.FormatInt(ev.Time.Value().UnixMilli(), 10) }},
	"message":  {fieldText, func(ev *ovirt.Event) string { return ev.Description }},
	"event_host": {fieldText, func(ev *ovirt.Event) string {
		if ev.Host == nil {
			return ""
		}
		return ev.Host.Name
	}},
	"event_storage": {fieldText, func(ev *ovirt.Event) string {
		if ev.StorageDomain == nil {
			return ""
		}
		return ev.StorageDomain.Name
	}},
	"correlation_id": {fieldText, func(ev *ovirt.Event) string { return ev.CorrelationID }},
}

// listEvents is GET /events: newest first; from=N keeps indexes > N;
// search (severity>=, severity=, type=, event_host=, message=, ...) and
// max as the engine. A poll (from=N) reads only the events after N, and
// the newest max (no search, or "sortby time desc": events are written in
// time order) only those, through the store's index.
func (e *Engine) listEvents(w http.ResponseWriter, r *http.Request) error {
	from := int64(-1)
	if v := r.URL.Query().Get("from"); v != "" {
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil {
			return invalidValue(v + " is not a valid integer value for from")
		}
		from = n
	}
	newest := -1
	if from < 0 && newestOnly(r.URL.Query().Get("search")) {
		n, err := queryMax(r)
		if err != nil {
			return err
		}
		newest = n
	}
	var evs []ovirt.Event
	if err := e.st.View(r.Context(), func(tx *store.Tx) error {
		var err error
		switch {
		case from >= 0:
			evs, err = store.ListAfterJSON[ovirt.Event](tx, kindEvent, from, -1)
			slices.Reverse(evs)
		case newest >= 0:
			evs, err = store.ListNewestJSON[ovirt.Event](tx, kindEvent, newest)
		default:
			evs, err = store.ListAllJSON[ovirt.Event](tx, kindEvent)
			slices.Reverse(evs)
		}
		return err
	}); err != nil {
		return err
	}
	evs, err := applySearch(r, evs, eventSearchFields)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, &ovirt.Events{Event: evs})
}

// newestOnly reports whether a search keeps every event newest first: none,
// or only "sortby time desc".
func newestOnly(search string) bool {
	f := strings.Fields(strings.ToLower(search))
	return len(f) == 0 || slices.Equal(f, []string{"sortby", "time", "desc"})
}

// getEvent is GET /events/{id}.
func (e *Engine) getEvent(w http.ResponseWriter, r *http.Request) error {
	var ev ovirt.Event
	if err := e.st.View(r.Context(), func(tx *store.Tx) error {
		var err error
		ev, err = getJSON[ovirt.Event](tx, kindEvent, r.PathValue("id"))
		return err
	}); err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, &ev)
}

// removeEvent is DELETE /events/{id}.
func (e *Engine) removeEvent(w http.ResponseWriter, r *http.Request) error {
	if err := e.st.Update(r.Context(), func(tx *store.Tx) error {
		if _, err := getJSON[ovirt.Event](tx, kindEvent, r.PathValue("id")); err != nil {
			return err
		}
		return tx.Delete(kindEvent, r.PathValue("id"))
	}); err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, complete())
}
