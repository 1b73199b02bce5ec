package i18n

func init() {
	add(map[string]text{
		// payesh: text both engines can store, and the bounds of lists
		// (text.go and limits.go of the domain)
		"err.text.bad_char": {"این متن نویسهٔ غیرمجاز دارد (نویسهٔ تهی NUL یا کدگذاری نادرست)؛ لطفاً متن را دوباره وارد کنید.",
			"The text holds a character that cannot be stored (a NUL byte or invalid UTF-8); please type it again."},
		"err.too_many": {"شمار موارد این فهرست از حد مجاز بیشتر است.", "This list has more items than allowed."},
		// The number is payesh.MaxIDs; TestTooManyIDsSaysTheBound keeps them one.
		"err.too_many_ids": {"شمار شناسه‌ها بیش از حد مجاز (۵۰۰) است.", "Too many ids; at most 500 may be sent."},
	})
}
