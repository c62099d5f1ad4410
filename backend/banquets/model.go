package banquets

// Banquet is one registered banquet as the list and the detail page show it.
type Banquet struct {
	ID            int64  `json:"id"`
	HostID        int64  `json:"hostId"`
	HostName      string `json:"hostName"`
	HostMobile    string `json:"hostMobile"`
	Kind          string `json:"kind"`
	HeldAt        string `json:"heldAt"` // RFC 3339, UTC
	VenueID       int64  `json:"venueId"`
	VenueName     string `json:"venueName"`
	Tables        int64  `json:"tables"`
	ContactName   string `json:"contactName"`
	ContactPhone  string `json:"contactPhone"`
	PriceFen      int64  `json:"priceFen"`
	DepositFen    int64  `json:"depositFen"`
	ProgrammeID   int64  `json:"programmeId"`
	ProgrammeName string `json:"programmeName"`
	StaffID       int64  `json:"staffId"`
	StaffName     string `json:"staffName"`
	Notes         string `json:"notes"`
	State         string `json:"state"`
	CancelReason  string `json:"cancelReason"`
	CreatedAt     string `json:"createdAt"`
	// Bottles out and photos kept, for the list.
	BottlesOut int64 `json:"bottlesOut"`
	Photos     int64 `json:"photos"`
}

// LineInput is one product ordered: cases and loose bottles at a price per bottle (0 = retail).
type LineInput struct {
	ProductID int64 `json:"productId"`
	Cases     int64 `json:"cases"`
	Bottles   int64 `json:"bottles"`
	UnitFen   int64 `json:"unitFen"`
}

// Input registers or edits a banquet. HeldAt is "2026-12-20 18:00" in shop time (or RFC 3339).
// PriceFen 0 means the ordered bottles at their prices. IdemKey makes a double click register once.
type Input struct {
	HostID       int64       `json:"hostId"`
	Kind         string      `json:"kind"`
	HeldAt       string      `json:"heldAt"`
	VenueID      int64       `json:"venueId"`
	Tables       int64       `json:"tables"`
	ContactName  string      `json:"contactName"`
	ContactPhone string      `json:"contactPhone"`
	Lines        []LineInput `json:"lines"`
	PriceFen     int64       `json:"priceFen"`
	DepositFen   int64       `json:"depositFen"`
	ProgrammeID  int64       `json:"programmeId"`
	StaffID      int64       `json:"staffId"`
	Notes        string      `json:"notes"`
	IdemKey      string      `json:"idemKey"`
}

// Line is one product on the banquet with where its bottles went.
type Line struct {
	ProductID      int64  `json:"productId"`
	ProductName    string `json:"productName"`
	BottlesPerCase int64  `json:"bottlesPerCase"`
	Cases          int64  `json:"cases"`
	Bottles        int64  `json:"bottles"`
	Ordered        int64  `json:"ordered"` // cases × case size + bottles
	UnitFen        int64  `json:"unitFen"`
	Out            int64  `json:"out"`
	Opened         int64  `json:"opened"`
	Returned       int64  `json:"returned"`
	Lost           int64  `json:"lost"`
}

// Delivery is one run out to the venue.
type Delivery struct {
	ID          int64  `json:"id"`
	Note        string `json:"note"`
	StaffName   string `json:"staffName"`
	DeliveredAt string `json:"deliveredAt"`
	Bottles     int64  `json:"bottles"`
}

// Code is a bottle or case code scanned at delivery.
type Code struct {
	ID          int64  `json:"id"`
	Code        string `json:"code"`
	ProductID   int64  `json:"productId"`
	ProductName string `json:"productName"`
	StaffName   string `json:"staffName"`
	ScannedAt   string `json:"scannedAt"`
	Opened      bool   `json:"opened"`
}

// Payment is money received from the host (positive) or paid back (negative).
type Payment struct {
	ID        int64  `json:"id"`
	Kind      string `json:"kind"`
	Method    string `json:"method"`
	AmountFen int64  `json:"amountFen"`
	Note      string `json:"note"`
	StaffName string `json:"staffName"`
	CreatedAt string `json:"createdAt"`
	// WalletEntryID is the stored-value line of a 储值 payment (0 for other methods).
	WalletEntryID int64 `json:"walletEntryId"`
}

// Gift is what was handed out: per table (PerTable) or extra.
type Gift struct {
	Name     string `json:"name"`
	PerTable int64  `json:"perTable"`
	Quantity int64  `json:"quantity"`
}

// Settlement is the banquet's one settlement.
type Settlement struct {
	GoodsFen        int64            `json:"goodsFen"`
	PaidBeforeFen   int64            `json:"paidBeforeFen"`
	AmountFen       int64            `json:"amountFen"` // > 0 the host pays, < 0 the host gets back
	RebateOutletFen int64            `json:"rebateOutletFen"`
	RebateHostFen   int64            `json:"rebateHostFen"`
	Note            string           `json:"note"`
	StaffName       string           `json:"staffName"`
	SettledAt       string           `json:"settledAt"`
	Lines           []SettlementLine `json:"lines"`
	Gifts           []Gift           `json:"gifts"`
	// Computed is what the brand programme granted at settlement (nil without one); OverrideReason
	// why the manager entered other figures.
	Computed       *Terms `json:"computed"`
	OverrideReason string `json:"overrideReason"`
}

// SettlementLine is one product's count at settlement.
type SettlementLine struct {
	ProductID   int64  `json:"productId"`
	ProductName string `json:"productName"`
	Delivered   int64  `json:"delivered"`
	Opened      int64  `json:"opened"`
	Returned    int64  `json:"returned"`
	Lost        int64  `json:"lost"`
	CountedBy   string `json:"countedBy"`
	UnitFen     int64  `json:"unitFen"`
}

// Detail is everything the banquet page shows.
type Detail struct {
	Banquet    Banquet     `json:"banquet"`
	Lines      []Line      `json:"lines"`
	Deliveries []Delivery  `json:"deliveries"`
	Codes      []Code      `json:"codes"`
	Payments   []Payment   `json:"payments"`
	Settlement *Settlement `json:"settlement"`
	Evidence   []Evidence  `json:"evidence"`
	PaidFen    int64       `json:"paidFen"`    // all payments, net of refunds
	BalanceFen int64       `json:"balanceFen"` // after settlement: > 0 still to collect, < 0 still to pay back
	Next       []string    `json:"next"`       // the states it may move to by hand
	// StoredPaidFen is what the host paid by stored value and has not had back; HostStoredFen the
	// host's stored value now (the app fills it from the wallet), so the form can say what a 储值
	// payment may take.
	StoredPaidFen int64 `json:"storedPaidFen"`
	HostStoredFen int64 `json:"hostStoredFen"`
}
