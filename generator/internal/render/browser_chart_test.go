package render

import (
	"bytes"
	"image"
	"image/png"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/pmkb/pmkb/generator/internal/browsertest"
	"github.com/pmkb/pmkb/generator/internal/output"
	"github.com/pmkb/pmkb/themes"
)

// TestBrowserChartScrollCue opens a page with a chart (640 px wide, as
// every chart of the statistics is) on a 390-pixel-wide phone screen: the
// chart keeps its width and scrolls in its region, and the region's right
// edge fades out while there is more to scroll to, so that bars cut at
// the edge do not read as all of one length (qa9-b #7: nothing showed
// that the chart went on). Scrolled to the end, the whole chart shows
// unfaded.
func TestBrowserChartScrollCue(t *testing.T) {
	// A chart that is one solid colour, so that a fade is seen in its
	// pixels.
	svg := `<svg xmlns="http://www.w3.org/2000/svg" width="640" height="200" viewBox="0 0 640 200"><rect width="640" height="200" fill="#0000ff"/></svg>`
	opts := testOpts
	opts.Terms = map[string]*TermFigures{"systems/api-gateway/": {Chart: &Figure{Src: "assets/wide.svg", Alt: "A wide chart"}}}
	files, err := Site(testKB("en", repo), themes.Default(), opts)
	if err != nil {
		t.Fatal(err)
	}
	files = append(files, output.File{Path: "assets/wide.svg", Data: []byte(svg)})
	srv := browsertest.Serve(t, files, nil)
	ctx := browsertest.New(t)
	browsertest.Run(t, ctx, chromedp.EmulateViewport(390, 900))
	browsertest.Navigate(t, ctx, srv.URL+"systems/api-gateway/index.html")
	browsertest.WaitFor(t, ctx, `document.querySelector(".chart-scroll img").complete`)
	if w := browsertest.Eval[int](t, ctx, `document.documentElement.scrollWidth`); w > 390 {
		t.Errorf("the page is %d px wide on a 390 px screen", w)
	}
	if ok := browsertest.Eval[bool](t, ctx, `(r => r.scrollWidth > r.clientWidth)(document.querySelector(".chart-scroll"))`); !ok {
		t.Fatal("the chart does not scroll in its region on a 390 px screen")
	}
	// blueness is how blue the region's column x (from its right edge)
	// is, half-way down: 1 for the chart's own colour, 0 for white.
	shot := func() image.Image {
		data := browsertest.Run(t, ctx, chromedp.Screenshot(chromedp.CSS(".chart-scroll")))
		img, err := png.Decode(bytes.NewReader(data))
		if err != nil {
			t.Fatal(err)
		}
		return img
	}
	blueness := func(img image.Image, fromRight int) float64 {
		b := img.Bounds()
		r, g, _, _ := img.At(b.Max.X-1-fromRight, b.Min.Y+b.Dy()/2).RGBA()
		return 1 - float64(r+g)/2/0xffff
	}
	start := shot()
	if left := blueness(start, start.Bounds().Dx()-2); left < 0.95 {
		t.Fatalf("the chart's left edge is %.2f blue, want its own colour", left)
	}
	if edge := blueness(start, 1); edge > 0.5 {
		t.Errorf("before scrolling, the region's right edge is %.2f blue: no fade shows that the chart goes on", edge)
	}
	browsertest.Eval[int](t, ctx, `(r => r.scrollLeft = r.scrollWidth)(document.querySelector(".chart-scroll"))`)
	browsertest.WaitFor(t, ctx, `(r => r.scrollLeft + r.clientWidth >= r.scrollWidth - 1)(document.querySelector(".chart-scroll"))`)
	end := shot()
	// The chart's right edge is this far left of the region's; from
	// there on to the left, its columns show its own colour, unfaded.
	d := browsertest.Eval[float64](t, ctx, `document.querySelector(".chart-scroll").getBoundingClientRect().right - document.querySelector(".chart-scroll img").getBoundingClientRect().right`)
	if d < 0 || int(d)+40 >= end.Bounds().Dx() {
		t.Fatalf("scrolled to the end, the chart's right edge is %.0f px left of the region's", d)
	}
	for x := int(d) + 1; x < int(d)+40; x++ {
		if b := blueness(end, x); b < 0.95 {
			t.Fatalf("scrolled to the end, the chart's column %d px from its right edge is faded (%.2f blue)", x-int(d), b)
		}
	}
}
