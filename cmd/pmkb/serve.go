package main

import (
	"context"
	"errors"
	"fmt"
	"net"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/pmkb/pmkb/generator"
)

func runServe(ctx context.Context, e *env, args []string) int {
	f := newFlags(e, "serve", "[flags]", "Build the site in memory, serve it on localhost and rebuild and reload on every change.")
	var sf siteFlags
	sf.register(f)
	port := f.Int("port", 1313, "port to listen on (0: any free port, printed at the start)")
	bind := f.String("bind", "127.0.0.1", "address to listen on; 0.0.0.0 answers on every address of this machine and\nexposes your drafts to the network")
	drafts := f.Bool("drafts", true, "show drafts (one with problems is left out, with warnings)")
	audience := f.String("audience", generator.AudienceInternal, "internal or public")
	theme := f.String("theme", "", "theme folder laid over the built-in theme (watched too)")
	if code, ok := f.parseNoArgs(args); !ok {
		return code
	}
	if *port < 0 || *port > 65535 {
		return e.usageErrorf("--port must be 0…65535")
	}
	if code, ok := f.oneOf("audience", "an audience", audience, audiences); !ok {
		return code
	}
	// From any folder of a site, serve that site; outside one, say so
	// rather than serve an empty site.
	if code, ok := e.site(f, &sf.source, lookUpward); !ok {
		return code
	}
	dir, err := filepath.Abs(sf.source)
	if err != nil {
		return e.usageErrorf("%v", err)
	}
	opts := sf.options(e)
	opts.Source = newLiveDirFS(dir)
	opts.Drafts, opts.Audience = *drafts, *audience
	var watch []string
	themeDir, themeFS, code, ok := e.themeFolder(*theme)
	if !ok {
		return code
	}
	if themeFS != nil {
		opts.Theme = themeFS
		watch = append(watch, themeDir)
	}
	// Bind first: only then is the address (with --port 0, the port the
	// system chose) known and worth announcing.
	ln, err := net.Listen("tcp", net.JoinHostPort(*bind, strconv.Itoa(*port)))
	if errors.Is(err, errAddrInUse) {
		fmt.Fprintf(e.stderr, "pmkb: serve: port %d is in use (another pmkb serve?); pass --port 0 or another port\n", *port)
		return exitContent
	}
	if msg := bindError(*bind, err); msg != "" {
		return e.usageErrorf("serve: %s", msg)
	}
	if err != nil {
		fmt.Fprintf(e.stderr, "pmkb: serve: %v\n", err)
		return exitContent
	}
	hosts, urls := answering(*bind, ln.Addr())
	fmt.Fprintf(e.stderr, "serving %s on %s (Ctrl-C to stop)\n", dir, urls[0])
	if len(urls) > 1 {
		fmt.Fprintf(e.stderr, "also answering on %s\n", strings.Join(urls[1:], ", "))
	}
	if note := exposure(ln.Addr(), *drafts, *audience); note != "" {
		fmt.Fprintf(e.stderr, "note: %s\n", note)
	}
	logf := func(format string, args ...any) { fmt.Fprintf(e.stderr, format+"\n", args...) }
	if err := generator.Serve(ctx, opts, generator.ServeOptions{Listener: ln, Hosts: hosts, Dir: dir, Watch: watch, Logf: logf, Now: e.now}); err != nil {
		fmt.Fprintf(e.stderr, "pmkb: serve: %v\n", err)
		return exitContent
	}
	return exitOK
}

// bindError says what is wrong with --bind when err, listening on it,
// is the slip of a --bind this machine cannot listen on: an address that
// is not one of its own (EADDRNOTAVAIL) or a name that does not resolve,
// with the addresses it has; "" for any other error. Both were the
// system's words with exit 1 (QA 14 A-F20).
func bindError(bind string, err error) string {
	var dnsErr *net.DNSError
	var what string
	switch {
	case errors.Is(err, errAddrNotAvail):
		what = "is not an address of this machine"
	case errors.As(err, &dnsErr):
		what = "is not a name this machine can look up"
	default:
		return ""
	}
	addrs := []string{}
	ifaddrs, _ := net.InterfaceAddrs()
	for _, a := range ifaddrs {
		if ipn, ok := a.(*net.IPNet); ok && !ipn.IP.IsLinkLocalUnicast() {
			addrs = append(addrs, ipn.IP.String())
		}
	}
	return fmt.Sprintf("--bind %s %s; pass one of its addresses (%s), or 0.0.0.0 for all of them", bind, what, strings.Join(addrs, ", "))
}

// exposure is the note for a preview that other machines can reach (a
// --bind other than loopback), saying what they can read, or "".
func exposure(addr net.Addr, drafts bool, audience string) string {
	if ta, ok := addr.(*net.TCPAddr); !ok || ta.IP.IsLoopback() {
		return ""
	}
	what := "every postmortem"
	switch {
	case audience == generator.AudiencePublic && drafts:
		what = "every public postmortem, drafts included"
	case audience == generator.AudiencePublic:
		what = "every public postmortem"
	case drafts:
		what = "every postmortem, drafts included"
	}
	return "other machines can reach this preview: anyone who can connect to this machine reads " + what + " (--bind 127.0.0.1 keeps it to this one)"
}

// answering returns the hosts, besides the loopback names, that the dev
// server listening on addr (from --bind) answers for, and the URLs it
// answers on, the one to open first. Bound to the loopback interface (the
// default) it answers only there. Bound to one address, it answers for
// that address and for the --bind value as written (a name the user
// chose is no DNS-rebinding name). Bound to every interface (0.0.0.0,
// ::), it answers for each of the machine's addresses; the URLs list
// those a colleague can reach (not the link-local ones).
func answering(bind string, addr net.Addr) (hosts, urls []string) {
	ta, _ := addr.(*net.TCPAddr)
	if ta == nil {
		return nil, []string{"http://" + addr.String() + "/"}
	}
	port := strconv.Itoa(ta.Port)
	url := func(host string) string { return "http://" + net.JoinHostPort(host, port) + "/" }
	switch {
	case ta.IP.IsLoopback():
		return nil, []string{url(ta.IP.String())}
	case !ta.IP.IsUnspecified():
		hosts = []string{ta.IP.String()}
		if bind != ta.IP.String() {
			hosts = append(hosts, bind)
		}
		return hosts, []string{url(ta.IP.String())}
	}
	urls = []string{url("127.0.0.1")}
	ifaddrs, _ := net.InterfaceAddrs()
	for _, a := range ifaddrs {
		ipn, ok := a.(*net.IPNet)
		if !ok || ipn.IP.IsLoopback() {
			continue
		}
		hosts = append(hosts, ipn.IP.String())
		if !ipn.IP.IsLinkLocalUnicast() && (ta.IP.To4() == nil || ipn.IP.To4() != nil) {
			urls = append(urls, url(ipn.IP.String()))
		}
	}
	return hosts, urls
}
