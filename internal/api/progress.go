package api

import (
	"net/http"

	"payesh"
)

// listProgress returns a work item's history, as the store orders it.
func (s *server) listProgress(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	// An unknown item is a 404, not an empty history.
	if _, err := s.Work.FindWorkItemByID(r.Context(), id); err != nil {
		return err
	}
	updates, err := s.Work.FindProgressUpdates(r.Context(), id)
	if err != nil {
		return err
	}
	if updates == nil {
		updates = []*payesh.ProgressUpdate{}
	}
	return writeJSON(w, http.StatusOK, map[string]any{"items": updates})
}

type progressJSON struct {
	Update   *payesh.ProgressUpdate `json:"update"`
	WorkItem *workItemJSON          `json:"work_item"`
}

// postProgress appends to a work item's history. The answer carries the
// item too, since its progress, status and version have changed.
func (s *server) postProgress(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	var in payesh.ProgressUpdateInput
	if err := decode(w, r, &in); err != nil {
		return err
	}
	if in.Version <= 0 {
		return errVersion
	}
	up, item, err := s.Work.PostProgress(r.Context(), id, in)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusCreated, progressJSON{up, presentWorkItem(item)})
}
