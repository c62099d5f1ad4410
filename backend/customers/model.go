// Package customers owns the customer archive (客户档案) and the follow-up log (回访).
package customers

// Sources a customer can come from; the order is the order shown in forms.
var Sources = []string{"进店", "转介绍", "活动", "团购", "导入", "其他"}

// Kinds of customer: a consumer, a terminal outlet (终端门店) or a company buying for a group (企业/团购).
var Kinds = []string{"个人", "终端门店", "企业"}

// OutletTypes are the kinds of terminal outlet a distributor serves.
var OutletTypes = []string{"烟酒店", "餐饮", "酒店", "商超", "其他"}

// Channels of a follow-up.
var Channels = []string{"电话", "微信", "上门", "到店", "活动"}

// Customer is one archive record as the UI sees it. Times are RFC 3339 strings (UTC).
type Customer struct {
	ID            int64    `json:"id"`
	Name          string   `json:"name"`
	Mobile        string   `json:"mobile"`
	OtherPhone    string   `json:"otherPhone"`
	Gender        string   `json:"gender"`
	Birthday      Birthday `json:"birthday"`
	District      string   `json:"district"`
	Address       string   `json:"address"`
	Company       string   `json:"company"`
	Title         string   `json:"title"`
	Source        string   `json:"source"`
	ReferrerID    int64    `json:"referrerId"`
	ReferrerName  string   `json:"referrerName"`
	OwnerStaffID  int64    `json:"ownerStaffId"`
	OwnerName     string   `json:"ownerName"`
	Notes         string   `json:"notes"`
	Consent       bool     `json:"consent"`
	ConsentAt     string   `json:"consentAt"`
	Kind          string   `json:"kind"`
	OutletType    string   `json:"outletType"`
	ShopName      string   `json:"shopName"`
	ContactPerson string   `json:"contactPerson"`
	Archived      bool     `json:"archived"`
	ArchiveReason string   `json:"archiveReason"`
	ArchivedAt    string   `json:"archivedAt"`
	MergedIntoID  int64    `json:"mergedIntoId"`
	CreatedAt     string   `json:"createdAt"`
	UpdatedAt     string   `json:"updatedAt"`
	// TotalSpendFen is 累计消费: every purchase net of refunds plus OpeningSpendFen, the 期初累计消费
	// an import brought from a ledger that kept a total without dates. Read only.
	TotalSpendFen   int64 `json:"totalSpendFen"`
	OpeningSpendFen int64 `json:"openingSpendFen"`
}

// Birthday is solar (公历) or lunar (农历). Year 0 means the year is unknown; Month 0 means no birthday.
// A lunar birthday keeps its own month and day (and leap flag) because that is what the family celebrates.
type Birthday struct {
	Calendar string `json:"calendar"` // "solar" or "lunar"
	Year     int    `json:"year"`
	Month    int    `json:"month"`
	Day      int    `json:"day"`
	Leap     bool   `json:"leap"`
}

// Input is what a form or an import submits to create or edit a customer.
type Input struct {
	Name         string   `json:"name"`
	Mobile       string   `json:"mobile"`
	OtherPhone   string   `json:"otherPhone"`
	Gender       string   `json:"gender"`
	Birthday     Birthday `json:"birthday"`
	District     string   `json:"district"`
	Address      string   `json:"address"`
	Company      string   `json:"company"`
	Title        string   `json:"title"`
	Source       string   `json:"source"`
	ReferrerID   int64    `json:"referrerId"`
	OwnerStaffID int64    `json:"ownerStaffId"`
	Notes        string   `json:"notes"`
	Consent      bool     `json:"consent"`
	// Kind is 个人, 终端门店 or 企业; empty keeps the current kind on an edit (个人 for a new customer).
	// An outlet's type, shop name and contact person are kept only for 终端门店.
	Kind          string `json:"kind"`
	OutletType    string `json:"outletType"`
	ShopName      string `json:"shopName"`
	ContactPerson string `json:"contactPerson"`
}

// Hit is one search result, with what matched so the UI can say why it is there.
type Hit struct {
	ID       int64  `json:"id"`
	Name     string `json:"name"`
	Mobile   string `json:"mobile"`
	District string `json:"district"`
	Company  string `json:"company"`
	Archived bool   `json:"archived"`
	Match    string `json:"match"` // mobile, card, last4, phone_prefix, name, initials, pinyin, company
}
