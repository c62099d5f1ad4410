package web_test

import (
	"net/http"
	"testing"
)

// The claim packet carries each tasting's sign-in sheet, every guest by name and table: a clerk gets it
// as they get the sign-in sheet itself (Events.ExportSignIn), with a manager's PIN on the spot.
func TestClerkNeedsApprovalForTheClaimPacket(t *testing.T) {
	s := newShop(t)
	owner := s.owner()
	clerk, _ := s.staffBrowser(owner, "小李", "clerk", "2468")
	status, body, raw := clerk.call("Claims/Packet", 1)
	data, _ := body["data"].(map[string]any)
	if status != http.StatusForbidden || data["needsApproval"] != true {
		t.Fatalf("clerk's claim packet without approval: %d %s", status, raw)
	}
}
