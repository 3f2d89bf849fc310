package main

import (
	"bytes"
	"compress/gzip"
	"errors"
	"io/fs"
	"mime"
	"net/http"
	"path"
	"strconv"
	"strings"
)

// siteHandler serves the built site fsys as a static host does: "/dir/"
// serves dir/index.html, a folder without the slash is redirected, an
// unknown path gets 404. With compress it sends text files (HTML, CSS,
// scripts, JSON, SVG, XML) gzipped at the default level to a browser that
// accepts gzip, as most static hosts do; every response has its
// Content-Length.
func siteHandler(fsys fs.FS, compress bool) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		name := strings.TrimPrefix(path.Clean("/"+r.URL.Path), "/")
		if strings.HasSuffix(r.URL.Path, "/") {
			name = path.Join(name, "index.html")
		}
		if name == "" || name == "." {
			name = "index.html"
		}
		data, err := fs.ReadFile(fsys, name)
		if err != nil {
			if _, err := fs.Stat(fsys, path.Join(name, "index.html")); err == nil {
				http.Redirect(w, r, r.URL.Path+"/", http.StatusMovedPermanently)
				return
			}
			if errors.Is(err, fs.ErrNotExist) {
				http.NotFound(w, r)
				return
			}
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		ct := mime.TypeByExtension(path.Ext(name))
		if ct == "" {
			ct = http.DetectContentType(data)
		}
		h := w.Header()
		h.Set("Content-Type", ct)
		if compress && compressible(ct) {
			h.Add("Vary", "Accept-Encoding")
			if acceptsGzip(r.Header.Get("Accept-Encoding")) {
				var b bytes.Buffer
				zw := gzip.NewWriter(&b)
				_, _ = zw.Write(data)
				_ = zw.Close()
				data = b.Bytes()
				h.Set("Content-Encoding", "gzip")
			}
		}
		h.Set("Content-Length", strconv.Itoa(len(data)))
		if r.Method != http.MethodHead {
			_, _ = w.Write(data)
		}
	})
}

// compressible reports whether a response of the content type is text that
// a static host compresses.
func compressible(ct string) bool {
	ct, _, _ = strings.Cut(ct, ";")
	return strings.HasPrefix(ct, "text/") || strings.HasSuffix(ct, "javascript") ||
		strings.HasSuffix(ct, "json") || strings.HasSuffix(ct, "+xml") || strings.HasSuffix(ct, "/xml")
}

// acceptsGzip reports whether an Accept-Encoding header value allows gzip
// (a "gzip;q=0" refuses it).
func acceptsGzip(ae string) bool {
	for _, part := range strings.Split(ae, ",") {
		coding, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		if !strings.EqualFold(strings.TrimSpace(coding), "gzip") {
			continue
		}
		q, ok := strings.CutPrefix(strings.ReplaceAll(params, " ", ""), "q=")
		if !ok {
			return true
		}
		v, err := strconv.ParseFloat(q, 64)
		return err == nil && v > 0
	}
	return false
}
