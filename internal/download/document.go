package download

import (
	"net/http"

	"payesh"
)

// DocumentFile writes a version of a document's file exactly as Evidence
// writes a report's file — the same headers and the same naming, its ASCII
// stand-in numbered by the version's id.
func DocumentFile(w http.ResponseWriter, r *http.Request, f *payesh.DocumentFile, data []byte) {
	Evidence(w, r, &payesh.Evidence{ID: f.ID, Name: f.Name, ContentType: f.ContentType, CreatedAt: f.CreatedAt}, data)
}
