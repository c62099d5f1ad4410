// Package communities owns the company's customer groups (社群): who is in which chat group, what the
// group does and brings, fission rewards for members who invite friends, and lucky draws. Jiuke does
// not talk to WeChat; it is the shop's record of the groups.
package communities

// Choices shown in forms; the migration checks the same lists.
var (
	Platforms   = []string{"微信", "企业微信", "钉钉", "QQ", "其他"}
	MemberKinds = []string{"个人", "终端门店", "企业", "混合"}
	States      = []string{"筹建", "活跃", "沉寂", "已解散"}
	Roles       = []string{"群主", "管理员", "成员", "意见领袖"}
	ActKinds    = []string{"红包", "抽奖", "话题", "线上品鉴", "限时优惠", "知识分享", "视频"}
)

// A chat platform caps a group at HardLimit members; about BestSize works best.
const (
	HardLimit = 500
	BestSize  = 200
)

// Group is one customer group (社群).
type Group struct {
	ID           int64  `json:"id"`
	Name         string `json:"name"`
	Platform     string `json:"platform"`
	Theme        string `json:"theme"`
	Audience     string `json:"audience"` // 定位: who the group is for
	MemberKind   string `json:"memberKind"`
	OwnerAccount string `json:"ownerAccount"` // the company account that owns the group
	StaffID      int64  `json:"staffId"`
	StaffName    string `json:"staffName"`
	Admins       string `json:"admins"`
	Rules        string `json:"rules"`
	State        string `json:"state"`
	CreatedOn    string `json:"createdOn"`
	Members      int    `json:"members"`
}

// Member is a customer's place in a group.
type Member struct {
	CustomerID  int64  `json:"customerId"`
	Name        string `json:"name"`
	Mobile      string `json:"mobile"`
	Kind        string `json:"kind"`
	Level       string `json:"level"`
	District    string `json:"district"`
	RemarkName  string `json:"remarkName"`
	Role        string `json:"role"`
	InviterID   int64  `json:"inviterId"`
	InviterName string `json:"inviterName"`
	JoinedOn    string `json:"joinedOn"`
	LeftOn      string `json:"leftOn"`
}

// Activity is one entry of a group's log.
type Activity struct {
	ID           int64  `json:"id"`
	GroupID      int64  `json:"groupId"`
	Kind         string `json:"kind"`
	Date         string `json:"date"`
	Title        string `json:"title"`
	AmountFen    int64  `json:"amountFen"` // a red packet's total
	CostFen      int64  `json:"costFen"`
	Participants int64  `json:"participants"`
	Notes        string `json:"notes"`
	StaffName    string `json:"staffName"`
}
