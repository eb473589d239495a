package embedded

import (
	"net/http"

	"v6admin/engine/ovirt"
)

// hostAction is the prelude of every POST /hosts/{id}/<action>: the host
// must exist (404 without a body otherwise, checked before the body is
// read), then the body is decoded as the action. It returns the host's id
// and the action.
func (e *Engine) hostAction(r *http.Request) (string, ovirt.Action, error) {
	id := r.PathValue("id")
	var act ovirt.Action
	if err := e.hostExists(r.Context(), id); err != nil {
		return id, act, err
	}
	if err := decodeBody(r, &act); err != nil {
		return id, act, err
	}
	return id, act, nil
}
