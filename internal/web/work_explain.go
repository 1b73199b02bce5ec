package web

import (
	"net/http"
	"strings"

	"payesh"
	"payesh/internal/i18n"
)

// workExplainChild is one child in a parent's progress: left out when
// cancelled, else weighing Weight × Progress.
type workExplainChild struct {
	Item    *payesh.WorkItem
	Counted bool
	Product string // weight × progress, written out
}

// workExplainPage shows how a work item's progress came about: reported
// directly on a leaf, the weighted average of its children on a parent.
type workExplainPage struct {
	Item     *payesh.WorkItem
	Children []workExplainChild
	Units    map[int64]*payesh.OrgUnit
	// The arithmetic, written out in the interface's digits.
	Formula  string // "(۱ × ۴۰ + ۳ × ۸۰) ÷ (۱ + ۳) = ۷۰"; "" with many children
	Sums     string // "۲۸۰ ÷ ۴ = ۷۰"
	Computed string
	Stored   string
	Agree    bool
	// NoneCounted is set when every child is cancelled: the progress is 0.
	NoneCounted bool
	// Hidden counts the children out of the reader's scope: they count in
	// the stored progress, so no sum is redone without them.
	Hidden  int
	History []*payesh.ProgressUpdate // a leaf's latest reports
}

// workExplain shows /work/{id}/explain.
func (s *server) workExplain(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	item, err := s.Work.FindWorkItemByID(r.Context(), id)
	if err != nil {
		return err
	}
	d := &workExplainPage{Item: item}
	if d.Units, err = s.unitMap(r); err != nil {
		return err
	}
	children, err := s.workChildren(r, id)
	if err != nil {
		return err
	}
	lang := langOf(r)
	d.Hidden = max(0, item.ChildCount-len(children))
	if d.Hidden > 0 {
		d.Children = explainChildren(lang, children)
		d.Stored = dashDigits(lang, dashExact(lang, item.Progress))
	} else if len(children) > 0 {
		d.explainRollUp(lang, children)
	} else if d.History, err = s.Work.FindProgressUpdates(r.Context(), id); err != nil {
		return err
	}
	if len(d.History) > 5 {
		d.History = d.History[:5]
	}
	v := s.newView(r, "ui.dash.work_explain", d)
	v.Title = dashTf(v, "ui.dash.work_explain_of", item.Title)
	return s.render(w, r, http.StatusOK, "work_explain", v)
}

// explainRollUp writes out payesh.RollUp over the children: Σ weight ×
// progress ÷ Σ weight, cancelled children left out, beside the stored
// progress.
func (d *workExplainPage) explainRollUp(lang i18n.Lang, children []*payesh.WorkItem) {
	var sum, weights float64
	var products, ws []string
	in := make([]payesh.Child, len(children))
	for i, c := range children {
		in[i] = payesh.Child{Weight: c.Weight, Progress: c.Progress, Status: c.Status}
		row := workExplainChild{Item: c, Counted: c.Status != payesh.StatusCancelled}
		if row.Counted {
			sum += c.Weight * c.Progress
			weights += c.Weight
			row.Product = dashExact(lang, c.Weight) + " × " + dashExact(lang, c.Progress)
			products = append(products, row.Product)
			ws = append(ws, dashExact(lang, c.Weight))
			row.Product = dashDigits(lang, row.Product+" = "+dashExact(lang, c.Weight*c.Progress))
		}
		d.Children = append(d.Children, row)
	}
	result := payesh.RollUp(in)
	d.Computed = dashDigits(lang, dashExact(lang, result))
	d.Stored = dashDigits(lang, dashExact(lang, d.Item.Progress))
	d.Agree = dashSame(result, d.Item.Progress)
	if weights == 0 {
		d.NoneCounted = true
		return
	}
	d.Sums = dashDigits(lang, dashExact(lang, sum)+" ÷ "+dashExact(lang, weights)+" = "+dashExact(lang, result))
	if len(products) <= dashFormulaTerms {
		d.Formula = dashDigits(lang, "("+strings.Join(products, " + ")+") ÷ ("+strings.Join(ws, " + ")+") = "+dashExact(lang, result))
	}
}

// explainChildren lists the children a reader sees, without the sum their
// hidden siblings also enter.
func explainChildren(lang i18n.Lang, children []*payesh.WorkItem) []workExplainChild {
	out := make([]workExplainChild, len(children))
	for i, c := range children {
		out[i] = workExplainChild{Item: c, Counted: c.Status != payesh.StatusCancelled}
		if out[i].Counted {
			out[i].Product = dashDigits(lang, dashExact(lang, c.Weight)+" × "+dashExact(lang, c.Progress)+" = "+dashExact(lang, c.Weight*c.Progress))
		}
	}
	return out
}
