// Package events streams the engine's events to the browser over a
// WebSocket (/ws, github.com/coder/websocket).
//
// # Followers
//
// The BFF runs one follower per logged-in engine user: it polls
// GET /events?from=<last id> with one of that user's tokens (every
// PollInterval, backing off on errors up to MaxBackoff) and fans each new
// event out to all of that user's connected tabs. It keeps the newest events
// in a ring buffer and stops a grace period after the user's last tab has
// left. If the engine refuses a token (401), the tabs of that session get an
// "error" message with code "session_expired" and are closed; the follower
// carries on with another tab's token if any. The follower's cursor starts
// at the engine's newest event id and moves only with what the engine
// returns: it never comes from a tab.
//
// # Tokens
//
// Before a tab is sent anything, its session's token is checked with the
// engine by an authenticated call that also returns the newest event id
// (Source.Latest); the answer is believed for TokenCheckTTL (5 s), a
// refusal for 10 minutes, and at most MaxTokens answers are kept (by the
// token's SHA-256). A refused token gets the session_expired error and
// 4001 at once: no hello, no backlog. Hub.Revoke (the BFF's logout) refuses
// the token here at once and closes its open tabs with 4001; every tab's
// token is asked again each heartbeat, so a token revoked elsewhere
// (another replica's logout, the engine's expiry) ends its tabs too.
//
// # Protocol
//
// The browser connects to /ws?from=<id>, with the session cookie (the
// handshake is refused with 401 without a session, and with 403 from another
// origin). from is the id of the newest event the page has already seen
// (from GET /api/events, or the last "event" message before a disconnect);
// without it the stream starts at the engine's newest event, and a from
// above the engine's newest event id is taken as that id. The server
// first sends every event with an id greater than from (from the ring
// buffer, or fetched from the engine when from is older than the buffer), in
// ascending id order, then live events as they come, so a reconnecting page
// loses nothing. The browser sends nothing; the server only writes JSON text
// messages:
//
//	{"type":"hello","from":118,"last":120}
//	{"type":"event","event":{"id":121,"code":42,"severity":"normal",
//	  "time":"2026-01-02T03:04:05.678Z","description":"Host h1 was added by admin@internal-authz.",
//	  "host":{"id":"0bd2...","name":"h1"},"correlation_id":"a1b2c3d4"}}
//	{"type":"heartbeat","time":"2026-01-02T03:04:20Z"}
//	{"type":"error","code":"session_expired","message":"Your session has expired. Log in again."}
//
// hello comes first (last is the newest id the server knew when the page
// connected). Event ids strictly increase within a connection. Heartbeats
// come every Heartbeat interval (15 s by default) so the page can tell a
// quiet stream from a dead one. Optional members of event (host, cluster,
// data_center, storage_domain, user, correlation_id) are omitted when empty.
//
// Close codes: 1000 normal, 1001 server shutting down, 4001 session expired
// (wire.CloseSessionExpired: log in again), 4008 the page read too slowly
// and its queue overflowed (wire.CloseTooSlow: reconnect with from), 1011
// the engine could not be read for the backlog (reconnect with from later).
// The messages are wire.WSMessage.
package events

import (
	"strconv"

	"v6admin/engine/ovirt"
	"v6admin/wire"
)

// FromAPI converts an engine event. ok is false for an event without a
// numeric id (which cannot be ordered).
func FromAPI(e ovirt.Event) (wire.Event, bool) {
	id := int64(-1)
	if e.Index != nil {
		id = int64(*e.Index)
	} else if n, err := strconv.ParseInt(e.ID, 10, 64); err == nil {
		id = n
	}
	if id < 0 {
		return wire.Event{}, false
	}
	out := wire.Event{
		ID:            id,
		Severity:      string(e.Severity),
		Time:          e.Time.Value().UTC(),
		Description:   e.Description,
		CorrelationID: e.CorrelationID,
	}
	if e.Code != nil {
		out.Code = int64(*e.Code)
	}
	if e.Host != nil && e.Host.ID != "" {
		out.Host = &wire.Ref{ID: e.Host.ID, Name: e.Host.Name}
	}
	if e.Cluster != nil && e.Cluster.ID != "" {
		out.Cluster = &wire.Ref{ID: e.Cluster.ID, Name: e.Cluster.Name}
	}
	if e.DataCenter != nil && e.DataCenter.ID != "" {
		out.DataCenter = &wire.Ref{ID: e.DataCenter.ID, Name: e.DataCenter.Name}
	}
	if e.StorageDomain != nil && e.StorageDomain.ID != "" {
		out.StorageDomain = &wire.Ref{ID: e.StorageDomain.ID, Name: e.StorageDomain.Name}
	}
	if e.Vm != nil && e.Vm.ID != "" {
		out.VM = &wire.Ref{ID: e.Vm.ID, Name: e.Vm.Name}
	}
	if e.User != nil && e.User.ID != "" {
		out.User = &wire.Ref{ID: e.User.ID, Name: e.User.Name}
	}
	return out, true
}
