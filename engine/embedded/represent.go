package embedded

import (
	"bytes"
	"compress/gzip"
	"mime"
	"net/http"
	"reflect"
	"strconv"
	"strings"
	"sync"

	"v6admin/engine/ovirt"
	"v6admin/engine/ovirt/ovirtxml"
)

// The representation layer: the engine's REST layer (RESTEasy) answers in
// XML unless the request asks for JSON (Accept), reads a body by its
// Content-Type, and compresses answers for clients that send
// Accept-Encoding: gzip (the SDKs do). Handlers write Go values with
// writeJSON and read bodies with decodeBody; both follow what serve
// negotiated for the request, so every endpoint speaks both encodings from
// the same values (engine/ovirt/ovirtxml writes and reads the XML).

// representation is what a request negotiated.
type representation struct {
	xml  bool // answer in XML (else JSON)
	gzip bool // compress answers
}

// repWriter carries the negotiated representation to writeJSON.
type repWriter struct {
	http.ResponseWriter
	rep representation
}

// Unwrap lets http.ResponseController reach the connection's writer.
func (w *repWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// repOf is the representation w was negotiated with (JSON, uncompressed,
// for writers serve did not wrap: SSO, the 404/405 statuses).
func repOf(w http.ResponseWriter) representation {
	if rw, ok := w.(*repWriter); ok {
		return rw.rep
	}
	return representation{}
}

// negotiate reads Accept and Accept-Encoding. ok is false when Accept
// admits neither XML nor JSON (406, as RESTEasy answers).
func negotiate(r *http.Request) (rep representation, ok bool) {
	rep.gzip = acceptsGzip(r.Header.Get("Accept-Encoding"))
	accept := strings.TrimSpace(r.Header.Get("Accept"))
	if accept == "" {
		rep.xml = true
		return rep, true
	}
	// The best media range by quality, then by specificity (an exact type
	// beats a wildcard), then by order.
	bestQ, bestSpec, found := -1.0, -1, false
	for _, part := range strings.Split(accept, ",") {
		mt, params, err := mime.ParseMediaType(strings.TrimSpace(part))
		if err != nil {
			continue
		}
		q := 1.0
		if s, ok := params["q"]; ok {
			if f, err := strconv.ParseFloat(s, 64); err == nil {
				q = f
			}
		}
		if q <= 0 {
			continue
		}
		var isXML bool
		spec := 1
		switch mt {
		case "application/xml", "text/xml":
			isXML = true
		case "application/json":
		case "*/*", "application/*", "text/*":
			isXML, spec = true, 0 // the engine's default
		default:
			continue
		}
		if q > bestQ || q == bestQ && spec > bestSpec {
			bestQ, bestSpec, found = q, spec, true
			rep.xml = isXML
		}
	}
	return rep, found
}

// acceptsGzip reports whether an Accept-Encoding header admits gzip.
func acceptsGzip(h string) bool {
	for _, part := range strings.Split(h, ",") {
		coding, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		coding = strings.ToLower(strings.TrimSpace(coding))
		if coding != "gzip" && coding != "x-gzip" && coding != "*" {
			continue
		}
		if _, q, ok := strings.Cut(params, "q="); ok {
			if f, err := strconv.ParseFloat(strings.TrimSpace(q), 64); err == nil && f <= 0 {
				continue
			}
		}
		return true
	}
	return false
}

// bodyIsXML reports whether a request body is XML by its Content-Type;
// known is false for a type the engine reads in neither encoding (415). A
// body without a Content-Type is XML when it starts with '<' (the
// engine's JSON clients of old posted without one).
func bodyIsXML(r *http.Request, data []byte) (isXML, known bool) {
	ct := strings.TrimSpace(r.Header.Get("Content-Type"))
	if ct == "" {
		return bytes.HasPrefix(bytes.TrimSpace(data), []byte("<")), true
	}
	mt, _, err := mime.ParseMediaType(ct)
	if err != nil {
		return false, false
	}
	switch {
	case mt == "application/xml" || mt == "text/xml" || strings.HasSuffix(mt, "+xml"):
		return true, true
	case mt == "application/json" || strings.HasSuffix(mt, "+json"):
		return false, true
	}
	return false, false
}

// minGzip is the smallest body worth compressing (a fault, an empty list
// and a short action go as they are).
const minGzip = 512

var gzipWriters = sync.Pool{New: func() any { w, _ := gzip.NewWriterLevel(nil, gzip.BestSpeed); return w }}

// writeEncoded writes an encoded body with its Content-Type, compressed
// when the request asked for gzip.
func writeEncoded(w http.ResponseWriter, status int, contentType string, b []byte) {
	h := w.Header()
	h.Set("Content-Type", contentType)
	if repOf(w).gzip {
		h.Add("Vary", "Accept-Encoding")
		if len(b) >= minGzip {
			var buf bytes.Buffer
			zw := gzipWriters.Get().(*gzip.Writer)
			zw.Reset(&buf)
			_, _ = zw.Write(b)
			_ = zw.Close()
			gzipWriters.Put(zw)
			b = buf.Bytes()
			h.Set("Content-Encoding", "gzip")
		}
	}
	h.Set("Content-Length", strconv.Itoa(len(b)))
	w.WriteHeader(status)
	_, _ = w.Write(b)
}

// writeHostsXML is the XML answer of GET /hosts, written straight from the
// stored JSON of each host (ovirtxml.AppendJSON: no decoding, so the XML
// list costs about what the JSON one does); a document it cannot follow is
// decoded and written by ovirtxml.Marshal instead.
func writeHostsXML(w http.ResponseWriter, rows []hostRow) error {
	n := len(ovirtxml.Header) + len("<hosts></hosts>")
	for _, row := range rows {
		n += len(row.raw) + len(row.raw)/4
	}
	buf := append(make([]byte, 0, n), ovirtxml.Header+"<hosts>"...)
	hostType := reflect.TypeFor[ovirt.Host]()
	for _, row := range rows {
		out, err := ovirtxml.AppendJSON(buf, "host", hostType, row.raw)
		if err != nil {
			var h ovirt.Host
			if err := jsonUnmarshal(row.raw, &h); err != nil {
				return err
			}
			doc, err := ovirtxml.Marshal(&h)
			if err != nil {
				return err
			}
			out = append(buf, doc[len(ovirtxml.Header):]...)
		}
		buf = out
	}
	buf = append(buf, "</hosts>"...)
	writeEncoded(w, http.StatusOK, "application/xml", buf)
	return nil
}
