// 宴席 (banquets): list, register form, delivery, settlement, payments, photos, print.
export default {
  banquets: {
    title: '宴席', new: '登记宴席', edit: '修改登记', allStates: '全部', empty: '还没有宴席，先登记一场', searchPlaceholder: '主家、场地或联系人',
    heldAt: '宴席时间', host: '主家', hostPlaceholder: '输入姓名、手机号或拼音查找客户', kind: '类型', venue: '场地', venuePlaceholder: '选择酒店或餐饮门店',
    tables: '桌数', contact: '联系人', contactName: '姓名', contactPhone: '电话', wine: '用酒', product: '酒品', perCase: '瓶/箱',
    cases: '箱', bottles: '瓶', unitPlaceholder: '单价（元/瓶）', addLine: '添加酒品', orderTotal: '酒水合计', deposit: '订金', yuan: '金额（元）',
    programme: '品牌政策', noProgramme: '不参加', staff: '负责员工', notes: '备注', save: '保存', back: '返回', price: '酒水总价',
    bottlesOut: '送出瓶数', photos: '照片', state: '状态', ordered: '订购', markHeld: '宴席已办', cancel: '取消宴席',
    cancelPrompt: '请填写取消原因（已送出的酒将退回库存）', cancelReason: '请填写取消原因',
    v: { host: '请选择主家', venue: '请选择宴席场地', date: '请选择宴席日期', tables: '桌数至少为1', product: '请选择酒品', quantity: '箱数和瓶数不能都为0', money: '金额格式不对，例如 1200 或 1200.50' },
    delivery: {
      title: '送酒', total: '合计瓶数', scanPlaceholder: '扫码或输入瓶码/箱码后按回车', scanned: '已扫 {n} 个码', twice: '码「{code}」已扫过',
      note: '送酒备注（可选）', save: '确认送酒',
    },
    settle: {
      termsTitle: '按「{programme}」计算', computed: '政策计算：', noGifts: '未达门槛，无礼品', giftTotal: '共{n}份',
      reason: '调整原因', reasonPlaceholder: '与政策计算不符时必填，例如：主家不要返利', reasonNeeded: '填写的礼品或返利与政策计算不符，请填写调整原因',
      title: '结算', out: '送出', opened: '开瓶', returned: '退回', lost: '损耗', countedBy: '开瓶计数',
      tooMany: '「{name}」开瓶和退回共{n}瓶，超过送出的{out}瓶', gifts: '礼品', giftName: '礼品名称', perTable: '每桌', addGift: '添加礼品',
      rebateOutlet: '门店返利', rebateHost: '主家返利', goods: '开瓶金额', paid: '已收', hostPays: '主家补交 {amount}', hostGets: '退还主家 {amount}',
      save: '确认结算（需店长）',
    },
    count: { caps: '收瓶盖', codes: '扫码', count: '点数' },
    pay: {
      title: '收付款', time: '时间', kind: '类型', method: '方式', amount: '金额', save: '记一笔',
      kinds: { deposit: '订金', settle: '结算收款', refund: '退款' }, due: '尚欠 {amount}', owed: '应退 {amount}',
      stored: '主家储值余额 {amount}', storedPaid: '本宴席储值已付 {amount}（退款先退回储值）',
    },
    evidence: {
      pick: '从电脑选择照片', 
      title: '凭证照片', upload: '拍照或选择照片', note: '说明（可选）', noteRequired: '已申报，补充照片请写明原因', remove: '删除',
      filed: '宴席已申报：照片不能修改或删除，只能补充', tooBig: '照片不能超过{mb}MB', codes: '送酒时扫了 {n} 个码，也是凭证',
      kinds: { tables: '桌数', opened: '开瓶', sign: '门头', other: '其他' },
    },
    print: {
      delivery: '打印送酒单', settlement: '打印结算单', deliveryTitle: '宴席送酒单', settlementTitle: '宴席结算单', cases: '箱/瓶',
      codes: '瓶码', unit: '单价', amount: '金额', sign: '签收', date: '日期',
    },
  },
}
