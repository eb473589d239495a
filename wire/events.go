package wire

import "time"

// Event is an engine event as the UI shows it (GET /api/events, and /ws
// "event" messages).
type Event struct {
	ID            int64     `json:"id"`
	Code          int64     `json:"code"`
	Severity      string    `json:"severity"`
	Time          time.Time `json:"time"`
	Description   string    `json:"description"`
	Host          *Ref      `json:"host,omitempty"`
	Cluster       *Ref      `json:"cluster,omitempty"`
	DataCenter    *Ref      `json:"data_center,omitempty"`
	StorageDomain *Ref      `json:"storage_domain,omitempty"`
	VM            *Ref      `json:"vm,omitempty"`
	User          *Ref      `json:"user,omitempty"`
	CorrelationID string    `json:"correlation_id,omitempty"`
}

// EventList is the answer of GET /api/events: newest first. LastID is the
// newest id, to pass as /ws?from= so the stream continues where the list
// ends.
type EventList struct {
	Events []Event `json:"events"`
	LastID int64   `json:"last_id"`
	// Page is the page shown (1 first); More says a full page came back,
	// so the next may hold more.
	Page int  `json:"page"`
	More bool `json:"more"`
}

// WSMessage is one server-to-browser message of /ws (the protocol is in
// bff/events' package doc).
type WSMessage struct {
	Type    string     `json:"type"` // MsgHello, MsgEvent, MsgHeartbeat, MsgError
	Event   *Event     `json:"event,omitempty"`
	From    *int64     `json:"from,omitempty"`
	Last    *int64     `json:"last,omitempty"`
	Time    *time.Time `json:"time,omitempty"`
	Code    string     `json:"code,omitempty"`
	Message string     `json:"message,omitempty"`
}

// The types of WSMessage.
const (
	MsgHello     = "hello"
	MsgEvent     = "event"
	MsgHeartbeat = "heartbeat"
	MsgError     = "error"
)

// WebSocket close codes of /ws beyond RFC 6455's (1000 normal, 1001 the
// server shuts down, 1011 the engine could not be read for the backlog:
// reconnect with from later).
const (
	// CloseSessionExpired: the session is gone; log in again.
	CloseSessionExpired = 4001
	// CloseTooSlow: the page read too slowly and its queue overflowed;
	// reconnect with from.
	CloseTooSlow = 4008
)
