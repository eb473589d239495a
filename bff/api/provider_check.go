package api

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"v6admin/bff/apierr"
	"v6admin/engine/client"
	"v6admin/engine/ovirt"
	"v6admin/validation"
	"v6admin/wire"
)

// The provider dialog's Test, without saving.
//
// A real engine tests only saved providers: testconnectivity and the
// certificates sub-collection exist on /<kind>/{id} only
// (ExternalProviderService; AbstractBackendExternalProviderResource reads
// the provider from the database), and webadmin's TestProviderConnectivity
// query on an unsaved provider is not offered over REST. So Test creates a
// temporary provider from the dialog's settings under a reserved name
// (TemporaryProviderPrefix), runs every step on it (certificates, import,
// testconnectivity) and always removes it before answering. Network and
// Foreman providers have no side effects on addition or removal in the
// engine (ProviderProxy.onAddition / onRemoval); the audit log keeps the
// engine's "Provider … was added/removed" events. Auto-sync is off and the
// temporary provider read-only, so the engine never imports its networks.
// A temporary provider left behind by a crash is removed by the next Test
// once it is older than temporaryMaxAge.
//
// Edit with an unchanged stored password: the engine never returns a
// password, so the temporary provider cannot carry it. If the connection
// settings are those saved, the saved provider itself is tested (it is
// exactly what OK would keep); if they changed, Test answers that the
// password must be typed again.

// TemporaryProviderPrefix starts the names of the temporary providers of
// Test; the BFF refuses it in the names users give.
const TemporaryProviderPrefix = "v6admin-test-"

// temporaryMaxAge is the age after which a temporary provider is a
// leftover that the next Test removes.
const temporaryMaxAge = 10 * time.Minute

// Messages of Test.
const (
	msgNeedsPassword = "Enter the password to test the changed settings: the engine never returns the saved password, so these settings cannot be tested without it. Nothing was saved."
	msgTestedSaved   = "Tested the saved provider: its connection settings are the ones in this dialog. Nothing was saved."
	msgReservedName  = "Names starting with " + TemporaryProviderPrefix + " are reserved for the temporary providers of Test."
	msgCertChanged   = "The provider now presents another certificate than the one you approved: nothing was imported."
)

// testOutcome turns the engine's answer to testconnectivity into the
// message of a failed test ("" for success); errors that are not the
// test's verdict (session, missing provider, engine down) are returned.
func testOutcome(err error) (string, error) {
	if err == nil {
		return "", nil
	}
	var ce *client.Error
	if errors.As(err, &ce) && ce.Status != http.StatusUnauthorized && ce.Status != http.StatusNotFound && ce.Status < 500 {
		return orDefault(strings.Join(ce.Messages(), " "), MsgProviderTestError), nil
	}
	return "", engineError(err)
}

func testConnectivity(ctx context.Context, s *client.Session, kind client.ProviderKind, id string) error {
	var err error
	if kind == client.ProviderKindNetwork {
		_, err = s.TestOpenStackNetworkProvider(ctx, id)
	} else {
		_, err = s.TestExternalHostProvider(ctx, id)
	}
	return err
}

// testProvider is POST /providers/:kind/:id/test: the saved provider's
// testconnectivity.
func (h *handlers) testProvider(c echo.Context) error {
	s, err := h.engine(c)
	if err != nil {
		return err
	}
	kind, id, err := providerPath(c)
	if err != nil {
		return err
	}
	msg, err := testOutcome(testConnectivity(engineCtx(c), s, engineKind(kind), id))
	if err != nil {
		return err
	}
	if msg != "" {
		return c.JSON(http.StatusOK, wire.ProviderTest{Message: msg})
	}
	return c.JSON(http.StatusOK, wire.ProviderTest{OK: true, Message: MsgProviderTestOK})
}

// runTest tests provider id (whose URL is url): first the approved
// certificate is imported, if any; then testconnectivity; a failed test
// of an https provider lists the chain it presents.
func runTest(ctx context.Context, s *client.Session, kind client.ProviderKind, id, url, importFP string, v *wire.ProviderTest) error {
	if importFP != "" {
		ch, err := fetchChain(ctx, s, kind, id, url)
		if err != nil {
			return err
		}
		i := ch.find(importFP)
		if i < 0 {
			v.Message, v.Certificates = msgCertChanged, &ch.view
			return nil
		}
		if err := importOne(ctx, s, kind, id, ch, i); err != nil {
			return err
		}
		v.Imported = &ch.view.Certificates[i]
	}
	msg, err := testOutcome(testConnectivity(ctx, s, kind, id))
	if err != nil {
		return err
	}
	if msg == "" {
		v.OK, v.Message = true, MsgProviderTestOK
		return nil
	}
	v.Message = msg
	if !strings.HasPrefix(strings.ToLower(url), "https://") {
		return nil
	}
	ch, err := fetchChain(ctx, s, kind, id, url)
	if err != nil {
		return err
	}
	v.Certificates = &ch.view
	return nil
}

// sameConnection tells whether the settings that decide a connection are
// those of the saved provider (URLs compared in canonical form).
func sameConnection(np, saved *ovirt.OpenStackNetworkProvider) bool {
	canon := func(u string) string {
		if pu, err := validation.ParseProviderURL(strings.TrimSpace(u)); err == nil {
			return pu.String()
		}
		return u
	}
	return canon(np.Url) == canon(saved.Url) && np.RequiresAuthentication.Value() == saved.RequiresAuthentication.Value() &&
		np.Username == saved.Username && canon(np.AuthenticationUrl) == canon(saved.AuthenticationUrl) &&
		np.TenantName == saved.TenantName && np.UserDomainName == saved.UserDomainName &&
		np.ProjectName == saved.ProjectName && np.ProjectDomainName == saved.ProjectDomainName &&
		(np.Type == "" || saved.Type == "" || np.Type == saved.Type)
}

// asNetwork puts a host provider's connection settings in the network
// provider's shape (for sameConnection).
func asNetwork(p *ovirt.ExternalHostProvider) *ovirt.OpenStackNetworkProvider {
	return &ovirt.OpenStackNetworkProvider{Url: p.Url, RequiresAuthentication: p.RequiresAuthentication, Username: p.Username}
}

// temporaryName is a reserved name carrying its creation time.
func temporaryName(now time.Time) string {
	b := make([]byte, 4)
	_, _ = rand.Read(b)
	return TemporaryProviderPrefix + strconv.FormatInt(now.Unix(), 10) + "-" + hex.EncodeToString(b)
}

// temporaryAge returns the age of a temporary provider by its name; ok is
// false for any other name.
func temporaryAge(name string, now time.Time) (time.Duration, bool) {
	rest, ok := strings.CutPrefix(name, TemporaryProviderPrefix)
	if !ok {
		return 0, false
	}
	ts, _, _ := strings.Cut(rest, "-")
	sec, err := strconv.ParseInt(ts, 10, 64)
	if err != nil {
		return 0, false
	}
	return now.Sub(time.Unix(sec, 0)), true
}

// sweepTemporary removes temporary providers of the kind left behind (a
// BFF that stopped during a Test). Errors are only logged.
func (h *handlers) sweepTemporary(ctx context.Context, s *client.Session, kind client.ProviderKind, now time.Time) {
	var names, ids []string
	if kind == client.ProviderKindNetwork {
		ps, err := s.ListOpenStackNetworkProviders(ctx, client.ListOptions{})
		if err != nil {
			return
		}
		for _, p := range ps {
			names, ids = append(names, p.Name), append(ids, p.ID)
		}
	} else {
		ps, err := s.ListExternalHostProviders(ctx, client.ListOptions{})
		if err != nil {
			return
		}
		for _, p := range ps {
			names, ids = append(names, p.Name), append(ids, p.ID)
		}
	}
	for i, name := range names {
		if age, ok := temporaryAge(name, now); ok && age > temporaryMaxAge {
			if err := removeProvider(ctx, s, kind, ids[i]); err != nil {
				h.Log.Warn("leftover test provider not removed", "name", name, "err", err)
			} else {
				h.Log.Info("leftover test provider removed", "name", name)
			}
		}
	}
}

func removeProvider(ctx context.Context, s *client.Session, kind client.ProviderKind, id string) error {
	if kind == client.ProviderKindNetwork {
		return s.RemoveOpenStackNetworkProvider(ctx, id)
	}
	return s.RemoveExternalHostProvider(ctx, id)
}

// testProviderSettings is POST /providers/test: Test of the dialog's
// settings, saved nowhere (see the comment at the top of this file).
func (h *handlers) testProviderSettings(c echo.Context) error {
	s, err := h.engine(c)
	if err != nil {
		return err
	}
	var req wire.ProviderTestRequest
	errs, err := bindFields(c, &req)
	if err != nil {
		return err
	}
	var saved *ovirt.OpenStackNetworkProvider
	if req.ID != "" {
		switch req.Kind {
		case kindNetwork:
			if saved, err = s.GetOpenStackNetworkProvider(engineCtx(c), req.ID); err != nil {
				return engineError(err)
			}
			if req.Type == "" {
				req.Type = viewNetworkProvider(saved).Type
			}
		case kindHost:
			hp, err := s.GetExternalHostProvider(engineCtx(c), req.ID)
			if err != nil {
				return engineError(err)
			}
			saved = asNetwork(hp)
		}
	} else if req.RequiresAuthentication && req.Password == "" {
		errs.set("password", string(validation.CodeEmpty), validation.MsgEmpty)
	}
	np, hp := providerToEngine(&req.ProviderRequest, errs)
	if err := errs.err(); err != nil {
		return err
	}
	kind := engineKind(req.Kind)
	view := wire.ProviderTest{}
	if saved != nil && req.RequiresAuthentication && req.Password == "" {
		conn := np
		if hp != nil {
			conn = asNetwork(hp)
		}
		if !sameConnection(conn, saved) {
			return c.JSON(http.StatusOK, wire.ProviderTest{NeedsPassword: true, Message: msgNeedsPassword})
		}
		view.Tested = msgTestedSaved
		if err := runTest(engineCtx(c), s, kind, req.ID, saved.Url, req.ImportSHA256Fingerprint, &view); err != nil {
			return err
		}
		return c.JSON(http.StatusOK, view)
	}

	now := time.Now()
	h.sweepTemporary(engineCtx(c), s, kind, now)
	name := temporaryName(now)
	var id, url string
	if np != nil {
		tmp := *np
		tmp.Name, tmp.Description = name, "Temporary provider of v6admin's Test; removed at once."
		tmp.ReadOnly, tmp.AutoSync = ovirt.NewBool(true), ovirt.NewBool(false)
		got, err := s.AddOpenStackNetworkProvider(engineCtx(c), &tmp)
		if err != nil {
			return engineError(err, providerRules...)
		}
		id, url = got.ID, tmp.Url
	} else {
		tmp := *hp
		tmp.Name, tmp.Description = name, "Temporary provider of v6admin's Test; removed at once."
		got, err := s.AddExternalHostProvider(engineCtx(c), &tmp)
		if err != nil {
			return engineError(err, providerRules...)
		}
		id, url = got.ID, tmp.Url
	}
	view.Tested = "Tested the settings in this dialog through a temporary provider (" + name + "), removed after the test. Nothing was saved."
	testErr := runTest(engineCtx(c), s, kind, id, url, req.ImportSHA256Fingerprint, &view)

	// Always remove it, even when the browser went away.
	rctx, cancel := context.WithTimeout(context.WithoutCancel(engineCtx(c)), 30*time.Second)
	defer cancel()
	if err := removeProvider(rctx, s, kind, id); err != nil {
		h.Log.Error("temporary test provider not removed", "name", name, "id", id, "err", err)
		view.Warning = "The temporary provider " + name + " could not be removed (" + err.Error() + "); the next Test removes it, or remove it from the list."
		if testErr != nil {
			var ae *apierr.Error
			if errors.As(testErr, &ae) {
				ae.Message += " " + view.Warning
			}
		}
	}
	if testErr != nil {
		return testErr
	}
	return c.JSON(http.StatusOK, view)
}
