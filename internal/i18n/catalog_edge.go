package i18n

func init() { add(edgeMessages) }

// edgeMessages are the texts of what internal/edge adds to every answer.
var edgeMessages = map[string]text{
	// The request's id on an error page, for a person to quote and an
	// admin to find in the access log.
	"ui.error.request_id": {"شناسهٔ درخواست:", "Request ID:"},
}
