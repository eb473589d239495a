package api

import (
	"context"
	"crypto/sha256"
	"crypto/x509"
	"encoding/base64"
	"encoding/pem"
	"errors"
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"

	"v6admin/bff/apierr"
	"v6admin/engine/client"
	"v6admin/engine/ovirt"
	"v6admin/wire"
)

// Fingerprint returns the SHA-256 fingerprint of DER bytes as colon-separated
// upper-case hex ("AB:01:...").
func Fingerprint(der []byte) string {
	sum := sha256.Sum256(der)
	const hexdigits = "0123456789ABCDEF"
	b := make([]byte, 0, len(sum)*3-1)
	for i, x := range sum {
		if i > 0 {
			b = append(b, ':')
		}
		b = append(b, hexdigits[x>>4], hexdigits[x&0xf])
	}
	return string(b)
}

// normFingerprint reduces a fingerprint to upper-case hex without
// separators (the UI may send it with or without colons, in any case).
func normFingerprint(s string) string {
	return strings.ToUpper(strings.NewReplacer(":", "", " ", "", "-", "").Replace(strings.TrimSpace(s)))
}

// certificateDER decodes an engine certificate's content: base64 of DER
// (the engine's form, with or without line breaks or padding), or PEM.
func certificateDER(content string) ([]byte, error) {
	s := strings.TrimSpace(content)
	if strings.HasPrefix(s, "-----BEGIN") {
		blk, _ := pem.Decode([]byte(s))
		if blk == nil || blk.Type != "CERTIFICATE" {
			return nil, errors.New("not a PEM certificate")
		}
		return blk.Bytes, nil
	}
	s = strings.Map(func(r rune) rune {
		if r == '\r' || r == '\n' || r == ' ' || r == '\t' {
			return -1
		}
		return r
	}, s)
	der, err := base64.StdEncoding.DecodeString(s)
	if err != nil {
		der, err = base64.RawStdEncoding.DecodeString(strings.TrimRight(s, "="))
	}
	if err != nil {
		return nil, errors.New("neither base64 DER nor PEM")
	}
	return der, nil
}

// engineContent is a certificate as the engine's importcertificates reads
// it (ImportProviderCertificateCommand base64-decodes it).
func engineContent(der []byte) string { return base64.StdEncoding.EncodeToString(der) }

// viewCertificate reads one engine certificate.
func viewCertificate(pos int, content string) (wire.Certificate, []byte, error) {
	der, err := certificateDER(content)
	if err != nil {
		return wire.Certificate{}, nil, err
	}
	c, err := x509.ParseCertificate(der)
	if err != nil {
		return wire.Certificate{}, nil, err
	}
	return wire.Certificate{
		Position: pos, Subject: c.Subject.String(), Issuer: c.Issuer.String(),
		SelfSigned:        c.Subject.String() == c.Issuer.String() && c.CheckSignatureFrom(c) == nil,
		SHA256Fingerprint: Fingerprint(c.Raw), NotBefore: c.NotBefore.UTC(), NotAfter: c.NotAfter.UTC(),
		PEM: string(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: c.Raw})),
	}, c.Raw, nil
}

// certificatePrompt is oVirt's question for the certificate to approve.
func certificatePrompt(v wire.Certificate) string {
	if v.SelfSigned {
		return "Do you approve trusting self signed certificate subject " + v.Subject + ", SHA-256 fingerprint " + v.SHA256Fingerprint + "?"
	}
	return "Do you approve trusting certificate subject " + v.Subject + " issued by " + v.Issuer + ", SHA-256 fingerprint " + v.SHA256Fingerprint + "?"
}

// chain is a provider's certificates, read.
type chain struct {
	view wire.Certificates
	ders [][]byte
}

// readChain reads the engine's certificates of the provider at url.
func readChain(certs []ovirt.Certificate, url string) (chain, error) {
	ch := chain{view: wire.Certificates{Certificates: make([]wire.Certificate, 0, len(certs))}}
	for i, ec := range certs {
		v, der, err := viewCertificate(i, ec.Content)
		if err != nil {
			return chain{}, apierr.New(http.StatusBadGateway, apierr.CodeEngineFailed, "The engine returned a provider certificate that cannot be read.").WithCause(err)
		}
		ch.view.Certificates = append(ch.view.Certificates, v)
		ch.ders = append(ch.ders, der)
	}
	switch {
	case len(certs) > 0:
		ch.view.Status = wire.ChainPresented
		ch.view.Approve = len(certs) - 1
		ch.view.Prompt = certificatePrompt(ch.view.Certificates[ch.view.Approve])
	case strings.HasPrefix(strings.ToLower(url), "https://"):
		ch.view.Status = wire.ChainUnreachable
		ch.view.Message = "The engine could not read a certificate from " + url + ": the provider did not answer it over TLS."
	default:
		ch.view.Status = wire.ChainHTTP
		ch.view.Message = "An http provider presents no certificate."
	}
	return ch, nil
}

// find returns the position of the certificate with the fingerprint, or -1.
func (ch chain) find(fp string) int {
	want := normFingerprint(fp)
	for i, v := range ch.view.Certificates {
		if normFingerprint(v.SHA256Fingerprint) == want {
			return i
		}
	}
	return -1
}

// fetchChain reads the chain of provider id whose URL is url.
func fetchChain(ctx context.Context, s *client.Session, kind client.ProviderKind, id, url string) (chain, error) {
	certs, err := s.ListProviderCertificates(ctx, kind, id)
	if err != nil {
		return chain{}, engineError(err, fieldRule{"", "url"})
	}
	return readChain(certs, url)
}

// importOne makes the engine trust exactly the certificate at position i
// of the chain: the REST layer imports only the first certificate it is
// sent (AbstractBackendExternalProviderResource.importCertificates), so
// exactly one is sent, in the engine's own form.
func importOne(ctx context.Context, s *client.Session, kind client.ProviderKind, id string, ch chain, i int) error {
	_, err := s.ImportProviderCertificates(ctx, kind, id, []ovirt.Certificate{{Content: engineContent(ch.ders[i])}})
	return engineError(err)
}

// savedURL returns the URL of a saved provider.
func savedURL(ctx context.Context, s *client.Session, kind, id string) (string, error) {
	if kind == kindNetwork {
		p, err := s.GetOpenStackNetworkProvider(ctx, id)
		if err != nil {
			return "", engineError(err)
		}
		return p.Url, nil
	}
	p, err := s.GetExternalHostProvider(ctx, id)
	if err != nil {
		return "", engineError(err)
	}
	return p.Url, nil
}

// savedChain fetches the chain of the saved provider of the path.
func (h *handlers) savedChain(c echo.Context) (*client.Session, string, string, chain, error) {
	s, err := h.engine(c)
	if err != nil {
		return nil, "", "", chain{}, err
	}
	kind, id, err := providerPath(c)
	if err != nil {
		return nil, "", "", chain{}, err
	}
	url, err := savedURL(engineCtx(c), s, kind, id)
	if err != nil {
		return nil, "", "", chain{}, err
	}
	ch, err := fetchChain(engineCtx(c), s, engineKind(kind), id, url)
	return s, kind, id, ch, err
}

// providerCertificates is GET /providers/:kind/:id/certificates: the chain
// the saved provider's URL presents, as the engine fetched it, with what
// an empty list means (http, or unreachable).
func (h *handlers) providerCertificates(c echo.Context) error {
	_, _, _, ch, err := h.savedChain(c)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, ch.view)
}

// importProviderCertificates is POST /providers/:kind/:id/import-certificates
// {"sha256_fingerprint"}: the engine imports exactly the approved
// certificate, provided the provider still presents it.
func (h *handlers) importProviderCertificates(c echo.Context) error {
	var req wire.ImportRequest
	if err := bind(c, &req); err != nil {
		return err
	}
	s, kind, id, ch, err := h.savedChain(c)
	if err != nil {
		return err
	}
	if len(ch.ders) == 0 {
		return apierr.New(http.StatusConflict, apierr.CodeConflict, "The provider presents no certificate: "+ch.view.Message)
	}
	i := ch.find(req.SHA256Fingerprint)
	if i < 0 {
		return apierr.New(http.StatusConflict, apierr.CodeConflict, "The provider's certificate is not the one you approved.").
			WithField("sha256_fingerprint", "certificate_changed", "The provider now presents another certificate. Test again to see it.")
	}
	if err := importOne(engineCtx(c), s, engineKind(kind), id, ch, i); err != nil {
		return err
	}
	h.Log.Info("provider certificate imported", "kind", kind, "id", id, "sha256", ch.view.Certificates[i].SHA256Fingerprint)
	return c.JSON(http.StatusOK, wire.ImportResult{Imported: ch.view.Certificates[i]})
}
