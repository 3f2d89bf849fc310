package main

import (
	"context"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"strconv"

	"github.com/pmkb/pmkb/generator"
)

func runServe(ctx context.Context, e *env, args []string) int {
	f := newFlags(e, "serve", "[flags]", "Build the site in memory, serve it on localhost and rebuild and reload on every change.")
	var sf siteFlags
	sf.register(f)
	port := f.Int("port", 1313, "port to listen on")
	bind := f.String("bind", "127.0.0.1", "address to listen on (0.0.0.0 exposes your drafts to the network)")
	drafts := f.Bool("drafts", true, "show drafts")
	audience := f.String("audience", generator.AudienceInternal, "internal or public")
	theme := f.String("theme", "", "theme folder (watched too; default: the theme built into pmkb)")
	if code, ok := f.parseNoArgs(args); !ok {
		return code
	}
	if *port < 0 || *port > 65535 {
		return e.usageErrorf("--port must be 0…65535")
	}
	dir, err := filepath.Abs(sf.source)
	if err != nil {
		return e.usageErrorf("%v", err)
	}
	opts := sf.options(e)
	opts.Source = dirFS(dir)
	opts.Drafts, opts.Audience = *drafts, *audience
	var watch []string
	if *theme != "" {
		abs, err := filepath.Abs(*theme)
		if err != nil {
			return e.usageErrorf("%v", err)
		}
		if st, err := os.Stat(abs); err != nil || !st.IsDir() {
			return e.usageErrorf("--theme %q is not a folder", *theme)
		}
		opts.Theme = os.DirFS(abs)
		watch = append(watch, abs)
	}
	addr := net.JoinHostPort(*bind, strconv.Itoa(*port))
	fmt.Fprintf(e.stderr, "serving %s on http://%s/ (Ctrl-C to stop)\n", dir, addr)
	logf := func(format string, args ...any) { fmt.Fprintf(e.stderr, format+"\n", args...) }
	if err := generator.Serve(ctx, opts, generator.ServeOptions{Addr: addr, Dir: dir, Watch: watch, Logf: logf, Now: e.now}); err != nil {
		fmt.Fprintf(e.stderr, "pmkb: serve: %v\n", err)
		return exitContent
	}
	return exitOK
}
