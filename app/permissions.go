package app

import (
	"errors"
	"runtime"
	"strings"
	"time"
	"unicode"

	"jiuke/backend/errs"
	"jiuke/backend/staff"
)

// Rule is who may call a method.
type Rule int

const (
	// Public needs no sign-in: the first-start setup and the sign-in screen.
	Public Rule = iota + 1
	// AnyStaff is every signed-in account: clerks register, sell, redeem and check in.
	AnyStaff
	// ManagerOnly is for managers and the owner; a clerk may do it once a manager enters their PIN.
	ManagerOnly
	// OwnerOnly is for the owner alone: staff accounts, the audit log, erasing personal data.
	OwnerOnly
)

// permissions maps every bound method to its rule. A method missing here is refused for everyone,
// and a test calling every method as every role fails, so a new method cannot slip through.
var permissions = map[string]Rule{
	"Auth.Status": Public, "Auth.Setup": Public, "Auth.SignIn": Public, "Auth.SignOut": Public,
	"Auth.Lock": Public, "Auth.Approve": AnyStaff,

	"Staff.List": OwnerOnly, "Staff.Create": OwnerOnly, "Staff.Update": OwnerOnly,
	"Audit.List": OwnerOnly, "Audit.Export": OwnerOnly,

	"Customers.Search": AnyStaff, "Customers.List": AnyStaff, "Customers.Get": AnyStaff,
	"Customers.Create": AnyStaff, "Customers.Update": AnyStaff, "Customers.PossibleDuplicates": AnyStaff,
	"Customers.FollowUps": AnyStaff, "Customers.AddFollowUp": AnyStaff, "Customers.Districts": AnyStaff,
	"Customers.Merges":  AnyStaff,
	"Customers.Archive": ManagerOnly, "Customers.Restore": ManagerOnly, "Customers.Merge": ManagerOnly,
	"Customers.Erase": OwnerOnly,

	"Members.View": AnyStaff, "Members.Scan": AnyStaff, "Members.List": AnyStaff, "Members.Register": AnyStaff,
	"Members.Levels": AnyStaff, "Members.CardSettings": AnyStaff, "Members.Birthdays": AnyStaff,
	"Members.Referrals": AnyStaff, "Members.ReplaceCard": AnyStaff, "Members.ReviewPreview": AnyStaff,
	"Members.FreezeCard": ManagerOnly, "Members.UnfreezeCard": ManagerOnly, "Members.ChangeLevel": ManagerOnly,
	"Members.SaveLevels": ManagerOnly, "Members.SaveCardSettings": ManagerOnly, "Members.ApplyReview": ManagerOnly,
	"Members.GiveBirthdayPoints": ManagerOnly,

	"Sales.Products": AnyStaff, "Sales.Quote": AnyStaff, "Sales.Record": AnyStaff, "Sales.Purchases": AnyStaff,
	"Sales.PlanRefund": AnyStaff, "Sales.SaveProduct": ManagerOnly, "Sales.Refund": ManagerOnly,

	"Points.History": AnyStaff, "Points.Recent": AnyStaff, "Points.Rules": AnyStaff, "Points.Gifts": AnyStaff,
	"Points.Redeem": AnyStaff, "Points.Redemptions": AnyStaff, "Points.ExpiryPreview": AnyStaff,
	"Points.Adjust":           AnyStaff, // clerks within the configured limit; the backend enforces it again
	"Points.CancelRedemption": ManagerOnly, "Points.SaveRules": ManagerOnly, "Points.SaveGift": ManagerOnly,
	"Points.ApplyExpiry": ManagerOnly,

	"Sheets.ImportOptions": AnyStaff, "Sheets.OpenUpload": AnyStaff, "Sheets.OpenPicked": AnyStaff,
	"Sheets.CloseFile": AnyStaff, "Sheets.Preview": AnyStaff, "Sheets.DryRun": AnyStaff, "Sheets.CancelImport": AnyStaff,
	// UndoCheck only lists what happened since an import; gating it too would cost a clerk two PINs per undo.
	"Sheets.Template": AnyStaff, "Sheets.Batches": AnyStaff, "Sheets.UndoCheck": AnyStaff,
	"Sheets.Import": ManagerOnly, "Sheets.UndoBatch": ManagerOnly,
	// Exports leave the shop with customer data: never a clerk alone.
	"Sheets.ErrorReport": ManagerOnly, "Sheets.BatchErrorReport": ManagerOnly, "Sheets.ExportCustomers": ManagerOnly,
	"Sheets.ExportMembers": ManagerOnly, "Sheets.ExportPoints": ManagerOnly, "Sheets.ExportPurchases": ManagerOnly,

	"Tags.List": AnyStaff, "Tags.Of": AnyStaff, "Tags.Apply": AnyStaff, "Tags.Remove": AnyStaff,
	"Tags.Refresh": AnyStaff, "Tags.Recompute": AnyStaff, "Tags.Save": ManagerOnly, "Tags.Delete": ManagerOnly,

	"Segments.List": AnyStaff, "Segments.Get": AnyStaff, "Segments.Count": AnyStaff, "Segments.Save": AnyStaff,
	"Segments.Delete": ManagerOnly,

	"Scoring.Ranking": AnyStaff, "Scoring.Score": AnyStaff, "Scoring.Weights": AnyStaff,
	"Scoring.SetOpinionLeader": AnyStaff, "Scoring.SaveWeights": ManagerOnly, "Scoring.PromoteToCircle": ManagerOnly,
	// Clerks run the guest list, seating and the sign-in desk; planning, money and exports need a manager.
	"Events.Options": AnyStaff, "Events.List": AnyStaff, "Events.Detail": AnyStaff, "Events.Candidates": AnyStaff,
	"Events.AddGuests": AnyStaff, "Events.SetGuestStatus": AnyStaff, "Events.SetCompanions": AnyStaff,
	"Events.RemoveGuest": AnyStaff, "Events.Invitations": AnyStaff, "Events.SetInviteText": AnyStaff,
	"Events.MarkInvited": AnyStaff, "Events.AddTables": AnyStaff, "Events.UpdateTable": AnyStaff,
	"Events.RemoveTable": AnyStaff, "Events.AutoSeat": AnyStaff, "Events.Seat": AnyStaff, "Events.CheckIn": AnyStaff,
	"Events.CheckInByCard": AnyStaff, "Events.WalkIn": AnyStaff, "Events.Live": AnyStaff, "Events.SaveTask": AnyStaff,
	"Events.DeleteTask": AnyStaff, "Events.FollowUpTasks": AnyStaff,
	"Events.CheckInLinks": AnyStaff, "Events.RotateCheckInLink": AnyStaff, "Events.WalkInRequests": AnyStaff,
	"Events.ConfirmWalkIn": AnyStaff, "Events.RejectWalkIn": AnyStaff, "Events.UndoCheckIn": AnyStaff,
	"Events.RotateWalkInLink": ManagerOnly,
	"Events.Create":           ManagerOnly, "Events.Update": ManagerOnly, "Events.SetState": ManagerOnly,
	"Events.SaveCost": ManagerOnly, "Events.DeleteCost": ManagerOnly, "Events.SaveChecklistTemplate": ManagerOnly,
	"Events.SaveInviteTemplate": ManagerOnly, "Events.CreateFollowUps": ManagerOnly, "Events.ROI": ManagerOnly,
	"Events.ROIs": ManagerOnly, "Events.ExportGuests": ManagerOnly, "Events.ExportSignIn": ManagerOnly,
	"Events.ExportTables": ManagerOnly,
	// Clerks register, deliver, scan, take payments and add photos; the settlement is a manager's, on the spot.
	"Banquets.Options": AnyStaff, "Banquets.List": AnyStaff, "Banquets.Detail": AnyStaff, "Banquets.Register": AnyStaff,
	"Banquets.Update": AnyStaff, "Banquets.Cancel": AnyStaff, "Banquets.MarkHeld": AnyStaff, "Banquets.CheckCode": AnyStaff,
	"Banquets.Deliver": AnyStaff, "Banquets.AddPayment": AnyStaff, "Banquets.UploadEvidence": AnyStaff,
	"Banquets.PickEvidence": AnyStaff, "Banquets.EditEvidence": AnyStaff, "Banquets.Photo": AnyStaff,
	"Banquets.Stock": AnyStaff, "Banquets.Terms": AnyStaff, "Banquets.ReceiveStock": AnyStaff, "Banquets.Settle": ManagerOnly,

	// Clerks print a guest's poster and the desk's cards; the shop's style, every guest's poster at once
	// and the sheets that list guests by table leave the shop with customer names: a manager's.
	"Print.Options": AnyStaff, "Print.Image": AnyStaff, "Print.HostPhone": AnyStaff, "Print.Preview": AnyStaff,
	"Print.Poster": AnyStaff, "Print.TableCards": AnyStaff, "Print.DoorStand": AnyStaff, "Print.UploadMap": AnyStaff,
	"Print.SaveStyle": ManagerOnly, "Print.UploadLogo": ManagerOnly, "Print.DeleteImage": ManagerOnly,
	"Print.SaveHostPhone": ManagerOnly, "Print.Posters": ManagerOnly, "Print.NameTents": ManagerOnly,
	"Print.SeatingPoster": ManagerOnly,
	"Communities.List":    AnyStaff, "Communities.Get": AnyStaff, "Communities.Members": AnyStaff, "Communities.Candidates": AnyStaff,
	"Communities.AddMembers": AnyStaff, "Communities.Leave": AnyStaff, "Communities.SetRole": AnyStaff, "Communities.MatchPasted": AnyStaff,
	"Communities.Activities": AnyStaff, "Communities.AddActivity": AnyStaff, "Communities.Health": AnyStaff, "Communities.Settings": AnyStaff,
	"Communities.Invites": AnyStaff, "Communities.CustomerInvites": AnyStaff, "Communities.Options": AnyStaff, "Communities.DrawPool": AnyStaff,
	"Communities.Draws": AnyStaff, "Communities.VerifyDraw": AnyStaff, "Communities.OfCustomer": AnyStaff,
	// Groups belong to the company; a draw gives away stock.
	"Communities.Save": ManagerOnly, "Communities.DeleteActivity": ManagerOnly, "Communities.SaveSettings": ManagerOnly, "Communities.Draw": ManagerOnly,
	"Sheets.ExportGroupRoster": ManagerOnly, "Sheets.ExportGroupActivities": ManagerOnly, "Sheets.ExportDraw": ManagerOnly,
	"Reports.Dashboard": AnyStaff,
	// Stored wine (存酒): any staff member stores and hands out bottles; the log records each.
	"Wine.Deposit": AnyStaff, "Wine.Withdraw": AnyStaff, "Wine.Balances": AnyStaff, "Wine.Ledger": AnyStaff,
	"Wine.Sources": AnyStaff, "Wine.Holders": AnyStaff, "Wine.Expiring": AnyStaff, "Wine.Stock": AnyStaff,
	// Receipts: every counter action prints; reprints are logged. The shop's paper is a setting.
	"Receipts.Print": AnyStaff, "Receipts.Preview": AnyStaff, "Receipts.Paper": AnyStaff, "Receipts.SavePaper": ManagerOnly,
	// Sales totals and staff performance are the managers' figures; their exports leave the shop.
	"Reports.Charts": ManagerOnly, "Reports.Export": ManagerOnly,

	// Recharge and paying by stored value are the counter's work; money going back out (退卡, a
	// correction), the offers and the rules, and the liability figures are a manager's.
	"Wallet.Packages": AnyStaff, "Wallet.Rules": AnyStaff, "Wallet.Balance": AnyStaff, "Wallet.Ledger": AnyStaff,
	"Wallet.Recharge": AnyStaff, "Wallet.PlanClose": AnyStaff, "Wallet.Agreement": AnyStaff,
	"Wallet.SavePackages": ManagerOnly, "Wallet.SaveRules": ManagerOnly, "Wallet.Close": ManagerOnly, "Wallet.Adjust": ManagerOnly,
	"Wallet.Outstanding": ManagerOnly, "Wallet.Liability": ManagerOnly, "Wallet.ExportLiability": ManagerOnly,
	// Clerks prepare claims and hand the packet over; filing, the brand's answers, money and rules are the managers'.
	"Claims.Programmes": AnyStaff, "Claims.Candidates": AnyStaff, "Claims.List": AnyStaff, "Claims.Get": AnyStaff,
	"Claims.Build": AnyStaff, "Claims.Discard": AnyStaff, "Claims.Reminders": AnyStaff,
	"Claims.SaveProgramme": ManagerOnly, "Claims.Packet": ManagerOnly, "Claims.File": ManagerOnly, "Claims.Approve": ManagerOnly, "Claims.Reject": ManagerOnly,
	"Claims.Receive": ManagerOnly, "Claims.Payables": ManagerOnly, "Claims.Pay": ManagerOnly, "Claims.Receivables": ManagerOnly,
	"Claims.BanquetStats": ManagerOnly, "Claims.ProgrammeROIs": ManagerOnly, "Claims.ExportReport": ManagerOnly,
	// Clerks issue by hand the types the owner opened to them (others ask for a manager's PIN), use and
	// check coupons at the counter; type settings, segment issues, voiding and the report are a manager's.
	"Coupons.Types": AnyStaff, "Coupons.Issue": AnyStaff, "Coupons.PreviewSegment": AnyStaff, "Coupons.Check": AnyStaff,
	"Coupons.Usable": AnyStaff, "Coupons.List": AnyStaff, "Coupons.Detail": AnyStaff, "Coupons.Campaigns": AnyStaff,
	"Coupons.RedeemGifts": AnyStaff,
	"Coupons.SaveType":    ManagerOnly, "Coupons.IssueToSegment": ManagerOnly, "Coupons.Void": ManagerOnly,
	"Coupons.Report": ManagerOnly, "Coupons.ExportReport": ManagerOnly,

	"System.Info": Public, "System.SaveShop": ManagerOnly, "System.LAN": OwnerOnly, "System.SetLAN": OwnerOnly,
	"System.Backups": ManagerOnly, "System.NativeDialogs": Public, "System.Backup": OwnerOnly, "System.BackupAs": OwnerOnly,
	"System.Restore": OwnerOnly, "System.RestorePicked": OwnerOnly,
}

// callerMethod names the bound method that called read, write or check: "Customers.Merge" for
// jiuke/app.(*Customers).Merge or a closure inside it. It walks the stack (inlining-safe) to the
// first method of a service struct.
func callerMethod() string {
	pcs := make([]uintptr, 16)
	frames := runtime.CallersFrames(pcs[:runtime.Callers(2, pcs)])
	for {
		f, more := frames.Next()
		name := strings.TrimPrefix(f.Function, "jiuke/app.(*")
		if name != f.Function && !strings.HasPrefix(name, "Core)") {
			service, rest, _ := strings.Cut(name, ").")
			method, _, _ := strings.Cut(rest, ".")
			// Unexported helpers (Sheets.run) belong to the bound method further up.
			if method != "" && unicode.IsUpper(rune(method[0])) {
				return service + "." + method
			}
		}
		if !more {
			return ""
		}
	}
}

// check enforces the calling method's rule for methods that touch no database.
func (c *Core) check() error {
	_, err := c.gate()
	return err
}

// refusal is the gate saying no. Data carries what the UI acts on (signIn: show the sign-in screen;
// needsApproval: ask for a manager's PIN) and what tests and callers tell a gate refusal by, never its
// text: every refusal of the gate has exactly one of these keys set.
func refusal(msg, why string) *errs.Error {
	return &errs.Error{Code: errs.CodeForbidden, Message: msg, Data: map[string]any{why: true}}
}

// Why the gate refused, as keys of the refusal's data.
const (
	RefusedSignIn        = "signIn"
	RefusedNeedsApproval = "needsApproval"
	RefusedOwnerOnly     = "ownerOnly"
	RefusedUnlisted      = "unlisted"
)

// begin enforces method's rule for this session and returns the actor and, when a clerk spent a
// manager's approval on this call, that manager's name. It is the one permission gate: every bound
// method passes it exactly once per call.
func (c *Core) begin(method string) (staff.Member, string, error) {
	rule, ok := permissions[method]
	if !ok {
		return staff.Member{}, "", refusal("此功能尚未配置权限："+method, RefusedUnlisted)
	}
	s := c.sess
	s.mu.Lock()
	defer s.mu.Unlock()
	now := time.Now()
	if s.actor != nil && !s.locked && c.IdleLock > 0 && now.Sub(s.lastSeen) > c.IdleLock {
		s.locked = true
	}
	if rule == Public {
		if s.actor == nil || s.locked {
			return staff.Member{}, "", nil
		}
		s.lastSeen = now
		return *s.actor, "", nil
	}
	if s.actor == nil {
		return staff.Member{}, "", refusal("请先登录", RefusedSignIn)
	}
	if s.locked {
		return staff.Member{}, "", refusal("已锁定，请重新输入PIN或密码", RefusedSignIn)
	}
	s.lastSeen = now
	a := *s.actor
	switch rule {
	case OwnerOnly:
		if a.Role != staff.Owner {
			return a, "", refusal("只有老板可以进行此操作", RefusedOwnerOnly)
		}
	case ManagerOnly:
		if a.Role == staff.Clerk {
			// One approval, one call: spent here, whether the call then succeeds or not.
			ap := s.approval
			s.approval = nil
			if ap != nil && now.Before(ap.until) {
				return a, ap.by.Name, nil
			}
			return a, "", refusal("此操作需要店长授权", RefusedNeedsApproval)
		}
	}
	return a, "", nil
}

// asManager handles a clerk's call that went past what a clerk may do alone inside an AnyStaff method
// (a points adjustment over the limit, a changed price), which the backend refuses as forbidden. With
// a manager's approval waiting it spends it and runs the call again as approved, through again; without
// one it becomes the gate's needsApproval refusal, so the UI asks for a manager's PIN and retries.
func (c *Core) asManager(err error, again func(p pass) error) error {
	var e *errs.Error
	if !errors.As(err, &e) || e.Code != errs.CodeForbidden || e.Data != nil {
		return err
	}
	s := c.sess
	s.mu.Lock()
	ap := s.approval
	s.approval = nil
	actor := s.actor
	s.mu.Unlock()
	if ap == nil || !time.Now().Before(ap.until) || actor == nil {
		return refusal(e.Message, RefusedNeedsApproval)
	}
	return again(pass{actor: *actor, by: ap.by.Name})
}

// Permissions returns a copy of the rule table (for tests and the README's permission table).
func Permissions() map[string]Rule {
	out := make(map[string]Rule, len(permissions))
	for k, v := range permissions {
		out[k] = v
	}
	return out
}
