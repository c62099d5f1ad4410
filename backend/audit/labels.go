package audit

// labels names every key that a log call writes into an entry's details, in the Chinese the shop
// reads. A test in app scans every log call (and the types some of them pass) and fails on a key
// missing here. Keys ending in Fen are money in fen and are shown as ¥1,234.00.
var labels = map[string]string{
	// people and records
	"id": "编号", "name": "名称", "title": "标题", "notes": "备注", "reason": "原因", "kind": "类型",
	"customerId": "客户编号", "customerIds": "客户编号", "ids": "客户编号", "customers": "客户数",
	"staffId": "负责员工编号", "staffName": "负责员工", "hostStaffId": "主持员工编号", "inviterId": "邀请人编号",
	"mobile": "手机号", "role": "角色", "active": "在用", "secret": "PIN/密码", "date": "日期", "on": "开启",
	"port": "端口", "rows": "行数", "count": "数量", "added": "新增", "removed": "移除", "qty": "数量",
	// customers and merges
	"mergedId": "被合并的客户编号", "take": "采用的资料", "moved": "转移",
	// members, cards, levels
	"card": "卡号", "newCard": "新卡号", "reused": "沿用旧卡", "level": "等级", "members": "会员数",
	"kept": "保持", "rising": "升级", "falling": "降级", "rank": "级别", "colour": "颜色",
	"upgradeFen": "升级门槛", "keepFen": "保级门槛", "multiplierPct": "积分倍率（%）", "discountPct": "折扣（%）",
	"birthdayPoints": "生日积分", "rechargeFen": "充值开通金额",
	// stored value (储值)
	"entryId": "储值流水号", "cashFen": "收款金额", "principalFen": "本金", "bonusFen": "赠送", "amountWords": "大写金额",
	"bonusWords": "赠送大写", "forfeitWords": "作废赠送大写", "method": "付款方式", "packageId": "充值套餐编号",
	"refundFen": "退还本金", "forfeitFen": "作废赠送", "payFen": "充值金额", "couponTypeId": "赠券类型编号",
	"spendRule": "扣款顺序", "capOn": "单卡余额上限开启", "capFen": "单卡余额上限", "transferNoticeOn": "企业大额充值提示",
	"transferNoticeFen": "企业充值提示金额", "custodyPct": "资金存管比例（%）", "agreement": "储值章程",
	"storedFen": "储值支付", "payments": "付款方式", "payback": "退回去向",
	// points and gifts
	"points": "积分", "pointsPerYuan": "每元积分", "pointValueFen": "每积分抵扣", "expiryMonths": "积分有效期（月）",
	"referralPoints": "转介绍积分", "servicePct": "服务类积分比例（%）", "adjustLimit": "单次调整上限",
	"pointsCost": "所需积分", "stock": "库存", "lots": "过期批次", "pointsReversed": "扣回积分",
	"shortfallPoints": "积分不足部分",
	// sales
	"amountFen": "金额", "paidFen": "实付", "totalFen": "合计", "retailFen": "零售价", "unitFen": "单价", "bottlesPerCase": "每箱瓶数",
	"purchaseId": "消费单号", "lines": "明细", "productId": "酒品编号", "overridePrice": "改价",
	"series": "系列", "abv": "酒精度", "volumeMl": "容量（毫升）", "service": "服务类", "levelPrices": "会员价",
	"category": "类别", "item": "项目",
	// stored wine (存酒)
	"product": "酒品", "bottles": "瓶数", "bottlesAfter": "存酒余量（瓶）", "place": "存放位置", "expiresOn": "到期日期",
	// brand programmes and claims
	"brand": "品牌", "claimedFen": "申报金额", "approvedFen": "核销金额", "party": "返利对象",
	"startsOn": "开始日期", "endsOn": "结束日期", "products": "酒品数", "events": "赞助活动数",
	// receipts
	"prints": "第几次打印", "paper": "纸张", "oldPaper": "原纸张",
	// banquets and stock
	"heldAt": "宴席时间", "venue": "场地", "priceFen": "酒水总价", "depositFen": "订金",
	"codesScanned": "扫码数", "opened": "开瓶", "returned": "退回", "lost": "损耗", "goodsFen": "开瓶金额",
	"rebateOutletFen": "门店返利", "rebateHostFen": "主家返利", "overrideReason": "调整原因",
	"computedOutletFen": "政策计算门店返利", "computedHostFen": "政策计算主家返利", "gifts": "礼品种数",
	"sha256": "SHA-256", "sizeBytes": "大小（字节）", "file": "文件", "evidenceId": "照片编号",
	// events
	"startsAt": "开始时间", "state": "状态", "status": "状态", "guests": "宾客数", "companions": "同行人数",
	"walkIn": "临时到场", "guestId": "宾客编号", "requestId": "现场登记编号", "self": "宾客扫码自助", "waitlisted": "候补", "skipped": "跳过", "seats": "每桌座位", "table": "桌号",
	"tableId": "桌位编号", "tables": "桌数", "seated": "已排座", "unseated": "未排座", "eventId": "活动编号",
	"plannedFen": "预算", "actualFen": "实际费用", "costFen": "费用", "costId": "费用编号", "done": "已完成",
	"taskId": "事项编号", "items": "事项数",
	// printed material
	"layout": "海报版式", "pages": "页数",
	// 社群 and draws
	"platform": "平台", "theme": "主题", "audience": "目标人群", "memberKind": "成员类型", "ownerAccount": "所属企业账号",
	"admins": "管理员", "rules": "群规", "createdOn": "建群日期", "groupId": "社群编号", "participants": "参与人数",
	"rewarded": "发放奖励", "remarkPattern": "备注名格式", "joinPoints": "入群积分", "joinGiftId": "入群礼品编号",
	"firstBuyPoints": "首购积分", "firstBuyGiftId": "首购礼品编号", "pool": "抽奖人数", "seed": "随机种子",
	"winners": "中奖者", "position": "名次", "giftName": "奖品",
	// segments, tags, scoring
	"definition": "条件", "rule": "规则", "group": "分组", "tags": "标签数",
	"buying": "购买力权重", "influence": "影响力权重", "participation": "参与度权重",
	// coupons (券)
	"typeId": "券类型编号", "code": "券码", "codes": "券码", "campaign": "活动", "valueFen": "券面金额", "valueWords": "金额大写",
	"thresholdFen": "使用门槛", "giftId": "礼品编号", "validDays": "有效天数", "validFrom": "有效期起",
	"validTo": "有效期止", "withMemberPrice": "与会员价同享", "autoOn": "自动发放时机", "clerkMayIssue": "店员可发放",
	"issued": "已发放", "segmentId": "客群编号", "couponFen": "券优惠", "couponWords": "券优惠大写",
	// shop settings
	"city": "城市", "districts": "区域", "prefix": "前缀",
	// imports
	"batchId": "导入批次", "read": "读取", "created": "新建", "updated": "更新", "merged": "合并", "failed": "失败",
	"archived": "停用", "restored": "还原", "purchases": "消费记录", "openingSpendFen": "期初累计消费",
	"openingPrincipalFen": "期初储值本金", "openingPrincipalWords": "期初储值本金大写", "openingBonusFen": "期初储值赠送",
	"openingBonusWords": "期初储值赠送大写", "walletPrincipalFen": "冲回期初储值本金", "walletBonusFen": "冲回期初储值赠送",
	"walletWords": "冲回期初储值大写",
}

// valueNames turns stored codes into words, per key (role clerk → 店员).
var valueNames = map[string]map[string]string{
	"role": {"owner": "老板", "manager": "店长", "clerk": "店员"},
	// the customer fields a merge takes from the merged record (customers.MergeFields)
	"take": {"name": "姓名", "mobile": "手机号", "otherPhone": "其他电话", "gender": "性别", "birthday": "生日",
		"district": "区域", "address": "地址", "company": "单位", "title": "职务", "source": "来源", "notes": "备注",
		"ownerStaffId": "专属业务员", "referrerId": "推荐人", "consent": "同意接收信息"},
}
