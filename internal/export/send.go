package export

import (
	"bufio"
	"errors"
	"fmt"
	"net/http"
)

// ErrCut wraps an error met after the file had begun to go out: the
// response is already a file, so the caller cannot answer with an error
// page and should cut the connection (panic(http.ErrAbortHandler)) rather
// than let half a file pass for the whole.
var ErrCut = errors.New("export: failed after the response began")

// Send answers with t as a download of format f named name (without its
// extension, in ASCII: "payesh-work-1403-05-10"), its rows from fill.
//
// Nothing is sent before the file is known to begin well: a workbook is
// built whole before any byte goes out, and CSV is held back until its
// first 32 KB are ready, so that a refusal or a failure while reading the
// first rows is still an error the caller answers as usual. Past that an
// error comes back wrapped in ErrCut.
func Send(w http.ResponseWriter, f Format, name string, t Table, fill func(Writer) error) error {
	lw := &lazyWriter{w: w, f: f, name: name}
	bw := bufio.NewWriterSize(lw, 32<<10)
	xw, err := New(f, bw, t)
	if err == nil {
		if err = fill(xw); err != nil {
			discard(xw)
		} else {
			err = xw.Close()
		}
	}
	if err == nil {
		err = bw.Flush()
	}
	if err != nil && lw.started {
		return fmt.Errorf("%w: %w", ErrCut, err)
	}
	return err
}

// lazyWriter sets the download's headers on the first write, so that an
// error before it leaves the response untouched.
type lazyWriter struct {
	w       http.ResponseWriter
	f       Format
	name    string
	started bool
}

func (l *lazyWriter) Write(p []byte) (int, error) {
	if !l.started {
		l.started = true
		h := l.w.Header()
		h.Set("Content-Type", l.f.ContentType())
		h.Set("Content-Disposition", fmt.Sprintf(`attachment; filename="%s.%s"`, l.name, l.f))
		h.Set("Cache-Control", "private, no-store")
		l.w.WriteHeader(http.StatusOK)
	}
	return l.w.Write(p)
}

// discard drops a file that failed half-way without writing it out, and
// frees what it held (a workbook's temporary files).
func discard(w Writer) {
	if d, ok := w.(interface{ discard() }); ok {
		d.discard()
	}
}
