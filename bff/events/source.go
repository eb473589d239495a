package events

import (
	"context"
	"errors"
	"slices"

	"v6admin/engine/client"
	"v6admin/wire"
)

// Source reads events from the engine with a user's token.
type Source interface {
	// Since returns the events with an id greater than from, in any order.
	Since(ctx context.Context, token string, from int64) ([]wire.Event, error)
	// Latest returns the id of the newest event (0 if there is none).
	Latest(ctx context.Context, token string) (int64, error)
}

// ErrUnauthorized is returned by a Source whose token the engine refused.
var ErrUnauthorized = client.ErrUnauthorized

// EngineSource is the Source of an engine client.
type EngineSource struct {
	Client *client.Client
}

// Since implements Source with GET /events?from=.
func (s EngineSource) Since(ctx context.Context, token string, from int64) ([]wire.Event, error) {
	evs, err := s.Client.WithToken(token).ListEvents(ctx, client.EventsOptions{From: from})
	if err != nil {
		return nil, err
	}
	out := make([]wire.Event, 0, len(evs))
	for _, e := range evs {
		if ev, ok := FromAPI(e); ok && ev.ID > from {
			out = append(out, ev)
		}
	}
	return out, nil
}

// Latest implements Source with GET /events?max=1&search=sortby time desc
// (plain max=1 if the engine refuses the search).
func (s EngineSource) Latest(ctx context.Context, token string) (int64, error) {
	sess := s.Client.WithToken(token)
	evs, err := sess.ListEvents(ctx, client.EventsOptions{Max: 1, Search: "sortby time desc"})
	if errors.Is(err, client.ErrBadRequest) {
		evs, err = sess.ListEvents(ctx, client.EventsOptions{Max: 1})
	}
	if err != nil {
		return 0, err
	}
	var last int64
	for _, e := range evs {
		if ev, ok := FromAPI(e); ok {
			last = max(last, ev.ID)
		}
	}
	return last, nil
}

// sortEvents sorts by id and drops duplicates.
func sortEvents(evs []wire.Event) []wire.Event {
	slices.SortFunc(evs, func(a, b wire.Event) int {
		switch {
		case a.ID < b.ID:
			return -1
		case a.ID > b.ID:
			return 1
		}
		return 0
	})
	return slices.CompactFunc(evs, func(a, b wire.Event) bool { return a.ID == b.ID })
}
