package i18n

func init() { add(uiWorkListMessages) }

// uiWorkListMessages say a capped count honestly: the list stopped counting
// at a bound (payesh.WorkCountCap) and there are more items than that.
// The bound is passed already formatted (۱٬۰۰۰).
var uiWorkListMessages = map[string]text{
	"ui.work.list.total_more":   {"بیش از %s کار", "More than %s items"},
	"ui.work.list.caption_more": {"ردیف %d تا %d از بیش از %s", "Rows %d–%d of more than %s"},
	"ui.home.more_than":         {"بیش از %s", "More than %s"},
	"ui.pager.range_more":       {"%d تا %d از بیش از %s", "%d–%d of more than %s"},
}
