package web

import (
	"bytes"
	"encoding/binary"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"net/http"
	"sync"
)

// favicon answers /favicon.ico, which browsers ask for on every site
// whatever the page links: without it each page view logged a 404. The
// pages link static/favicon.svg; this is the same mark as a 32 × 32 PNG in
// an ICO container, drawn once.
func (s *server) favicon(w http.ResponseWriter, r *http.Request) error {
	w.Header().Set("Content-Type", "image/x-icon")
	w.Header().Set("Cache-Control", "public, max-age=86400")
	_, err := w.Write(faviconICO())
	return err
}

var faviconICO = sync.OnceValue(func() []byte {
	img := image.NewRGBA(image.Rect(0, 0, 32, 32))
	fill := func(x0, y0, x1, y1 int, c color.RGBA) {
		draw.Draw(img, image.Rect(x0, y0, x1, y1), &image.Uniform{c}, image.Point{}, draw.Src)
	}
	white, amber := color.RGBA{255, 255, 255, 255}, color.RGBA{0xf0, 0xa5, 0x00, 255}
	fill(0, 0, 32, 32, color.RGBA{0x07, 0x42, 0x57, 255})
	fill(7, 17, 11, 25, white)
	fill(14, 12, 18, 25, white)
	fill(21, 7, 25, 25, amber)
	var p bytes.Buffer
	if err := png.Encode(&p, img); err != nil {
		panic(err) // an in-memory image always encodes
	}
	// ICONDIR (reserved, type 1 = icon, one image), then the entry:
	// width, height, colours, reserved, planes, bits, size, offset.
	var b bytes.Buffer
	binary.Write(&b, binary.LittleEndian, [3]uint16{0, 1, 1})
	b.Write([]byte{32, 32, 0, 0})
	binary.Write(&b, binary.LittleEndian, [2]uint16{1, 32})
	binary.Write(&b, binary.LittleEndian, [2]uint32{uint32(p.Len()), 6 + 16})
	b.Write(p.Bytes())
	return b.Bytes()
})
