package web

import (
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"

	"payesh"
	"payesh/internal/download"
)

// The library's writes: a new version of a document's file, its state, a
// sending, a link to a clause. Each redirects to the document's page with
// a flash; a refused one shows the page again with the reason beside the
// field. The store decides who may write (the secretariat and admins).

// libraryPath is a document's page, at a section.
func libraryPath(id int64, flash, anchor string) string {
	return fmt.Sprintf("/library/%d?flash=%s#%s", id, url.QueryEscape(flash), anchor)
}

// libraryFailed shows the document's page again after a refused write:
// field errors beside their fields; anything else is the error page.
func (s *server) libraryFailed(w http.ResponseWriter, r *http.Request, id int64, err error, form url.Values) error {
	fl, ok := failureOf(err)
	if !ok {
		return err
	}
	d, lerr := s.loadLibraryDoc(r, id)
	if lerr != nil {
		return lerr
	}
	return s.renderLibraryDoc(w, r, fl.status, d, form, fl.fields)
}

// libraryUpload stores the posted file as the document's next version.
// The note part comes before the file in the form, so the file's part
// is streamed to the store, which reads at most one byte past the limit.
func (s *server) libraryUpload(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	// A user who may not add versions is refused before the file is read.
	if err := libraryWriter(r); err != nil {
		return err
	}
	r.Body = http.MaxBytesReader(w, r.Body, evidenceBodyLimit)
	note, err := s.addDocumentFile(r, id)
	io.Copy(io.Discard, r.Body)
	if err != nil {
		return s.libraryFailed(w, r, id, err, url.Values{"file_note": {note}})
	}
	return redirect(w, r, libraryPath(id, "ui.library.flash.uploaded", "files"))
}

// libraryForm reads a write's document id and form, having refused
// whoever may not write the library before reading it.
func libraryForm(r *http.Request) (int64, *form, error) {
	id, err := pathID(r, "id")
	if err != nil {
		return 0, nil, err
	}
	if err := libraryWriter(r); err != nil {
		return 0, nil, err
	}
	f, err := parseForm(r)
	return id, f, err
}

// libraryWriter refuses, before a form is read, whoever may not write the
// library (the store refuses them again): a refusal says who may, not
// what the form lacked.
func libraryWriter(r *http.Request) error {
	if !user(r).CanConfigure() {
		return payesh.ErrForbidden
	}
	return nil
}

// maxNotePart bounds the note part of an upload, in bytes; the store
// bounds the note itself in letters.
const maxNotePart = 4 << 10

func (s *server) addDocumentFile(r *http.Request, id int64) (note string, err error) {
	none := payesh.Invalid(map[string]string{"file": "err.evidence.none"})
	tooLarge := payesh.Invalid(map[string]string{"file": "err.evidence.too_large"})
	mr, err := r.MultipartReader()
	if err != nil {
		return "", none
	}
	for {
		part, err := mr.NextPart()
		var big *http.MaxBytesError
		switch {
		case errors.Is(err, io.EOF):
			return note, none
		case errors.As(err, &big):
			return note, tooLarge
		case err != nil:
			return note, errBadForm
		}
		switch part.FormName() {
		case "file_note":
			b, err := io.ReadAll(io.LimitReader(part, maxNotePart+1))
			if err != nil || len(b) > maxNotePart {
				return note, payesh.Invalid(map[string]string{"file_note": "err.too_long"})
			}
			note = string(b)
		case "file":
			name := rawFileName(part)
			if name == "" {
				return note, none
			}
			_, err = s.Library.AddDocumentFile(r.Context(), id, name, note, part)
			if errors.As(err, &big) {
				return note, tooLarge
			}
			return note, renameField(err, "note", "file_note")
		default:
			part.Close()
		}
	}
}

// libraryDownload sends a version to a reader of its document, as
// evidence is sent: an attachment of the checked type, never sniffed.
func (s *server) libraryDownload(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	f, data, err := s.Library.OpenDocumentFile(r.Context(), id)
	if err != nil {
		return err
	}
	download.DocumentFile(w, r, f, data)
	return nil
}

// libraryState moves a document between draft and approved.
func (s *server) libraryState(w http.ResponseWriter, r *http.Request) error {
	id, f, err := libraryForm(r)
	if err != nil {
		return err
	}
	st := payesh.DocumentState(f.String("state"))
	if st != payesh.DocDraft && st != payesh.DocApproved {
		f.fail("state", "err.document.state")
	}
	version := f.Int("version")
	if err := f.Err(); err != nil {
		return s.libraryFailed(w, r, id, err, r.PostForm)
	}
	if _, err := s.Documents.UpdateDocument(r.Context(), id, payesh.DocumentUpdate{State: &st, Version: version}); err != nil {
		return s.libraryFailed(w, r, id, err, r.PostForm)
	}
	return redirect(w, r, libraryPath(id, "ui.library.flash.state", "state"))
}

// librarySending records that the document was sent.
func (s *server) librarySending(w http.ResponseWriter, r *http.Request) error {
	id, f, err := libraryForm(r)
	if err != nil {
		return err
	}
	sd := &payesh.Sending{DocumentID: id, Recipient: f.String("recipient"), SentOn: f.Date("sent_on"),
		LetterNo: f.String("letter_no"), Note: f.String("sending_note")}
	if fid := f.ID("file_id"); fid != 0 {
		sd.FileID = &fid
	}
	if err := f.Err(); err != nil {
		return s.libraryFailed(w, r, id, err, r.PostForm)
	}
	if err := s.Library.AddSending(r.Context(), sd); err != nil {
		return s.libraryFailed(w, r, id, renameField(err, "note", "sending_note"), r.PostForm)
	}
	return redirect(w, r, libraryPath(id, "ui.library.flash.sent", "sendings"))
}

// libraryLink ties the document, or an article of it, to a clause of
// another document.
func (s *server) libraryLink(w http.ResponseWriter, r *http.Request) error {
	id, f, err := libraryForm(r)
	if err != nil {
		return err
	}
	l := &payesh.ClauseLink{DocumentID: id, ClauseID: f.ID("clause_id"), Note: f.String("link_note")}
	if a := f.ID("article_id"); a != 0 {
		l.ArticleID = &a
	}
	if l.ClauseID == 0 {
		f.fail("clause_id", "err.required")
	}
	if err := f.Err(); err != nil {
		return s.libraryFailed(w, r, id, err, r.PostForm)
	}
	if err := s.Library.LinkDocument(r.Context(), l); err != nil {
		if payesh.ErrorCode(err) == payesh.ECONFLICT {
			err = payesh.Invalid(map[string]string{"clause_id": "err.link.exists"})
		}
		return s.libraryFailed(w, r, id, renameField(err, "note", "link_note"), r.PostForm)
	}
	return redirect(w, r, libraryPath(id, "ui.library.flash.linked", "links"))
}

// libraryUnlink removes a link and returns to the page of the document
// the form names (only an id, so no address of anyone's choosing).
func (s *server) libraryUnlink(w http.ResponseWriter, r *http.Request) error {
	id, f, err := libraryForm(r)
	if err != nil {
		return err
	}
	doc := f.ID("document_id")
	if err := s.Library.UnlinkDocument(r.Context(), id); err != nil {
		return err
	}
	if doc <= 0 {
		return redirect(w, r, "/library?flash=ui.library.flash.unlinked")
	}
	return redirect(w, r, libraryPath(doc, "ui.library.flash.unlinked", "links"))
}

// renameField moves a validation error from the store's field name to
// the form's, where two forms of one page would share a name.
func renameField(err error, from, to string) error {
	var e *payesh.Error
	if errors.As(err, &e) && e.Code == payesh.EINVALID {
		if k, ok := e.Fields[from]; ok {
			delete(e.Fields, from)
			e.Fields[to] = k
		}
	}
	return err
}
