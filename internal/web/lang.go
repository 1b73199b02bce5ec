package web

import (
	"net/http"

	"payesh/internal/i18n"
)

// langCookie keeps the chosen interface language for a year.
const langCookie = "payesh_lang"

// langOf returns the request's interface language: Persian unless the
// user chose English.
func langOf(r *http.Request) i18n.Lang {
	if c, err := r.Cookie(langCookie); err == nil && c.Value == string(i18n.EN) {
		return i18n.EN
	}
	return i18n.FA
}

// setLang switches the language and returns to the page the user was on.
func (s *server) setLang(w http.ResponseWriter, r *http.Request) error {
	if err := r.ParseForm(); err != nil {
		return errBadForm
	}
	lang := i18n.FA
	if r.PostForm.Get("lang") == string(i18n.EN) {
		lang = i18n.EN
	}
	http.SetCookie(w, &http.Cookie{Name: langCookie, Value: string(lang), Path: "/",
		MaxAge: 365 * 24 * 3600, SameSite: http.SameSiteLaxMode, Secure: r.TLS != nil})
	return redirect(w, r, safeNext(r.PostForm.Get("back")))
}
