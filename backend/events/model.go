// Package events owns tasting events (品鉴会 and the like): the plan, the guest list with its
// waitlist, invitations, seating, check-in, exports and what the event brought in afterwards.
package events

// Kinds of event, in the order forms show them.
var Kinds = []string{"品鉴会", "酒会", "答谢宴", "研讨会", "VIP俱乐部活动", "酒庄游"}

// States of an event and their Chinese names.
const (
	Planning  = "planning"
	Inviting  = "inviting"
	Running   = "running"
	Ended     = "ended"
	Cancelled = "cancelled"
)

var stateNames = map[string]string{Planning: "筹备中", Inviting: "邀请中", Running: "进行中", Ended: "已结束", Cancelled: "已取消"}

// next lists the states each state may move to.
var next = map[string][]string{
	Planning: {Inviting, Cancelled},
	Inviting: {Running, Cancelled},
	Running:  {Ended, Cancelled},
}

// Guest states and their Chinese names.
const (
	Pending   = "pending"
	Invited   = "invited"
	Confirmed = "confirmed"
	Declined  = "declined"
	CheckedIn = "checked_in"
	NoShow    = "no_show"
)

var guestNames = map[string]string{Pending: "待邀请", Invited: "已邀请", Confirmed: "已确认", Declined: "婉拒", CheckedIn: "已签到", NoShow: "未到场"}

// advance orders guest states by how far they got; a merge keeps the further one.
var advance = map[string]int{Pending: 0, Invited: 1, Declined: 2, Confirmed: 3, NoShow: 4, CheckedIn: 5}

// CostCategories are the budget lines of an event.
var CostCategories = []string{"场地", "酒水", "餐饮", "礼品", "物料", "人员", "其他"}

// Event is one event as the UI sees it. Times are shop-local "YYYY-MM-DD HH:MM".
type Event struct {
	ID               int64  `json:"id"`
	Name             string `json:"name"`
	Kind             string `json:"kind"`
	Theme            string `json:"theme"`
	State            string `json:"state"`
	StartsAt         string `json:"startsAt"`
	EndsAt           string `json:"endsAt"`
	Venue            string `json:"venue"`
	Address          string `json:"address"`
	Capacity         int    `json:"capacity"` // people incl. companions; 0 = no limit
	HostStaffID      int64  `json:"hostStaffId"`
	HostName         string `json:"hostName"`
	FeaturedProducts string `json:"featuredProducts"`
	Notes            string `json:"notes"`
	AttendPoints     int64  `json:"attendPoints"`
	InviteText       string `json:"inviteText"`
	CreatedAt        string `json:"createdAt"`
	// Headcount is the people (guests + companions) of guests who are not declined nor waitlisted.
	Headcount  int   `json:"headcount"`
	Guests     int   `json:"guests"`
	Waitlist   int   `json:"waitlist"`
	Arrived    int   `json:"arrived"`
	PlannedFen int64 `json:"plannedFen"`
	ActualFen  int64 `json:"actualFen"`
}

// Input is what the event form submits.
type Input struct {
	Name             string `json:"name"`
	Kind             string `json:"kind"`
	Theme            string `json:"theme"`
	StartsAt         string `json:"startsAt"`
	EndsAt           string `json:"endsAt"`
	Venue            string `json:"venue"`
	Address          string `json:"address"`
	Capacity         int    `json:"capacity"`
	HostStaffID      int64  `json:"hostStaffId"`
	FeaturedProducts string `json:"featuredProducts"`
	Notes            string `json:"notes"`
	AttendPoints     int64  `json:"attendPoints"`
}

// Guest is one row of an event's guest list.
type Guest struct {
	ID          int64  `json:"id"`
	EventID     int64  `json:"eventId"`
	CustomerID  int64  `json:"customerId"`
	Name        string `json:"name"`
	Gender      string `json:"gender"`
	Mobile      string `json:"mobile"`
	District    string `json:"district"`
	Company     string `json:"company"`
	LevelName   string `json:"levelName"`
	LevelRank   int    `json:"levelRank"`
	CardNumber  string `json:"cardNumber"`
	Status      string `json:"status"`
	Companions  int    `json:"companions"`
	Waitlisted  bool   `json:"waitlisted"`
	WalkIn      bool   `json:"walkIn"`
	StatusAt    string `json:"statusAt"`
	StatusBy    string `json:"statusBy"`
	CheckedInAt string `json:"checkedInAt"`
	TableID     int64  `json:"tableId"`
	TableNumber int    `json:"tableNumber"`
	TableName   string `json:"tableName"`
}

// people is how many seats a guest takes.
func (g Guest) people() int { return 1 + g.Companions }
