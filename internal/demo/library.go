package demo

import (
	"fmt"

	"payesh"
)

// The demo's document library: the documents the sources name besides
// the policy. Titles only — the sources give neither their text nor their
// files — each with the report that names it.

// supportProgram is the work item of the supporting documents, «تهیهٔ
// اسناد پشتیبان ناظر بر اجرایی‌شدن سیاست‌ها» (seed 000); the set of
// supporting documents supports the clauses that work names.
const supportProgram = "sso-op-support-docs"

// Codes of the library's demo documents.
const (
	DocPlan7      = "development-plan-7"
	DocBudget1401 = "budget-1401"
	DocSupportSet = "support-docs"
)

// titlesOnly says, in every document's note, why there is nothing but a
// title: the demo adds no text the sources do not give.
const titlesOnly = "منابع فقط عنوان این سند را می‌آورند؛ متن، تاریخ و فایل آن را دبیرخانه بارگذاری می‌کند."

func libraryDocuments() []*payesh.Document {
	return []*payesh.Document{
		{Code: DocPlan7, Kind: payesh.DocPlan, TitleFA: "برنامهٔ هفتم توسعه", TitleEN: "The 7th Development Plan",
			Note: "معاونت حقوقی، مجلس، دولت و امور بین‌الملل سازمان آن را پیگیری می‌کند تا دیدگاه‌های سازمان به مجلس و دولت منتقل شود. " +
				titlesOnly + " " + src002},
		{Code: DocBudget1401, Kind: payesh.DocBudgetLaw, TitleFA: "قانون بودجهٔ سال ۱۴۰۱", TitleEN: "The 1401 Budget Law",
			Note: "به گفتهٔ مدیرعامل، در کنار برنامهٔ هفتم توسعه اهمیت بالایی دارد و باید برای انتقال دیدگاه‌های سازمان پیگیری شود. " +
				titlesOnly + " " + src002},
		// In preparation, so a draft: the secretariat's until approved.
		{Code: DocSupportSet, Kind: payesh.DocSupporting, State: payesh.DocDraft,
			TitleFA: "اسناد پشتیبان ناظر بر اجرایی‌شدن سیاست‌های کلی تأمین اجتماعی",
			TitleEN: "Supporting documents for carrying out the General Social Security Policies",
			Note: "«اولویت اول و برنامهٔ در دست اجرای» سازمان به گفتهٔ مدیرعامل؛ در دست تهیه است. " +
				"منبع بند مشخصی را نام نمی‌برد و این اسناد را ناظر بر اجرای کل سیاست‌ها می‌داند؛ از این رو به بندی پیوند نخورده است. " +
				titlesOnly + " " + src000},
	}
}

// loadLibrary creates the library's documents and ties the supporting set
// to the clauses its program names. The store that keeps documents keeps
// their library; a document service without one gets the documents only.
func (l *loader) loadLibrary() error {
	var set *payesh.Document
	for _, d := range libraryDocuments() {
		if err := l.svc.Documents.CreateDocument(l.ctx, d); err != nil {
			return fmt.Errorf("document %s: %w", d.Code, err)
		}
		if d.Code == DocSupportSet {
			set = d
		}
	}
	lib, ok := l.svc.Documents.(payesh.LibraryService)
	if !ok {
		return nil
	}
	for _, w := range workItems() {
		if w.code != supportProgram {
			continue
		}
		for _, id := range l.clauseIDs(w.clauses) {
			if err := lib.LinkDocument(l.ctx, &payesh.ClauseLink{DocumentID: set.ID, ClauseID: id}); err != nil {
				return fmt.Errorf("supporting set → clause %d: %w", id, err)
			}
		}
	}
	return nil
}
