package sheet

import (
	"bytes"
	"fmt"
	"io"
	"net/http"
)

// Send answers a request with the workbook write makes, as a download
// named name. The workbook is made whole before the first byte goes out,
// so that a failure is still the door's own error answer.
func Send(w http.ResponseWriter, name string, write func(io.Writer) error) error {
	var buf bytes.Buffer
	if err := write(&buf); err != nil {
		return err
	}
	h := w.Header()
	h.Set("Content-Type", ContentType)
	h.Set("Content-Disposition", fmt.Sprintf(`attachment; filename="%s"`, name))
	h.Set("Cache-Control", "private, no-store")
	_, err := buf.WriteTo(w)
	return err
}
