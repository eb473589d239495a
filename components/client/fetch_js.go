//go:build js && wasm

package client

import (
	"context"
	"errors"
	"syscall/js"
)

// doFetch sends the request with the browser's fetch: same origin, the
// session cookie included, never from the HTTP cache. ctx aborts it.
func doFetch(ctx context.Context, r fetchRequest) (*fetchResponse, error) {
	global := js.Global()
	opts := global.Get("Object").New()
	opts.Set("method", r.Method)
	opts.Set("credentials", "same-origin")
	opts.Set("cache", "no-store")
	opts.Set("redirect", "error")
	headers := global.Get("Headers").New()
	for k, v := range r.Header {
		headers.Call("set", k, v)
	}
	opts.Set("headers", headers)
	if r.Body != nil {
		u8 := global.Get("Uint8Array").New(len(r.Body))
		js.CopyBytesToJS(u8, r.Body)
		opts.Set("body", u8)
	}
	abort := global.Get("AbortController").New()
	opts.Set("signal", abort.Get("signal"))
	done := make(chan struct{})
	defer close(done)
	go func() {
		select {
		case <-ctx.Done():
			abort.Call("abort")
		case <-done:
		}
	}()

	res, err := await(global.Call("fetch", r.URL, opts))
	if err != nil {
		return nil, err
	}
	buf, err := await(res.Call("arrayBuffer"))
	if err != nil {
		return nil, err
	}
	u8 := global.Get("Uint8Array").New(buf)
	n := u8.Get("length").Int()
	if n > maxBody {
		return nil, errors.New("the answer is too large")
	}
	data := make([]byte, n)
	js.CopyBytesToGo(data, u8)
	hdr := res.Get("headers")
	return &fetchResponse{
		Status: res.Get("status").Int(),
		Header: func(name string) string {
			v := hdr.Call("get", name)
			if v.IsNull() || v.IsUndefined() {
				return ""
			}
			return v.String()
		},
		Body: data,
	}, nil
}

// await waits for a promise.
func await(p js.Value) (js.Value, error) {
	type result struct {
		v   js.Value
		err error
	}
	ch := make(chan result, 1)
	then := js.FuncOf(func(this js.Value, args []js.Value) any {
		ch <- result{v: args[0]}
		return nil
	})
	catch := js.FuncOf(func(this js.Value, args []js.Value) any {
		msg := "fetch failed"
		if len(args) > 0 && args[0].Truthy() {
			msg = args[0].Call("toString").String()
		}
		ch <- result{err: errors.New(msg)}
		return nil
	})
	defer then.Release()
	defer catch.Release()
	p.Call("then", then, catch)
	r := <-ch
	return r.v, r.err
}
