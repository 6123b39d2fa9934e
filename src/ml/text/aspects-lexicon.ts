/**
 * The bilingual aspect lexicon: which words name a product aspect (delivery, price, quality, ...), and a few
 * aspect-specific opinion cues that a general sentiment lexicon misses ("等了一个星期" is bad news about delivery,
 * "took a week" too). Hand-written for Northstar, simplified Chinese and English; extend it by passing your own
 * table to `extractAspects`.
 */

/** The aspects Northstar knows out of the box. */
export const ASPECTS = ['delivery', 'price', 'quality', 'service', 'packaging', 'usability', 'battery', 'payment'] as const;
/** One of {@link ASPECTS}, or a caller's own aspect key. */
export type AspectKey = (typeof ASPECTS)[number] | (string & {});

/** The words and cues of one aspect. */
export interface AspectEntry {
  /** Display names. */
  readonly name: { readonly en: string; readonly zh: string };
  /** Chinese terms, matched as substrings. */
  readonly zh: readonly string[];
  /** English terms (lower case, may contain spaces), matched as whole words. */
  readonly en: readonly string[];
  /** Opinion cues with their polarity (-1 / +1), matched like terms; they also count as a mention. */
  readonly cues?: Readonly<Record<string, number>>;
}

/** The default aspect table. */
export const ASPECT_LEXICON: Readonly<Record<string, AspectEntry>> = {
  delivery: {
    name: { en: 'Delivery', zh: '物流配送' },
    zh: ['物流', '快递', '发货', '配送', '到货', '送货', '运输', '快递员', '签收', '派送', '送达', '收货'],
    en: ['delivery', 'delivered', 'deliver', 'shipping', 'shipped', 'ship', 'arrive', 'arrived', 'arrival', 'courier', 'tracking', 'parcel', 'dispatch'],
    cues: { 物流很快: 1, 发货很快: 1, 物流快: 1, 发货快: 1, 才到: -1, 等了: -1, 一个星期: -1, 还没到: -1, 没收到: -1, 丢件: -1, 神速: 1, 次日达: 1, 'took a week': -1, 'never arrived': -1, 'not arrived': -1, delayed: -1, lost: -1, 'on time': 1, 'next day': 1 },
  },
  price: {
    name: { en: 'Price', zh: '价格' },
    zh: ['价格', '价钱', '性价比', '划算', '实惠', '优惠', '折扣', '满减', '太贵', '小贵', '便宜', '物超所值', '不值'],
    en: ['price', 'prices', 'priced', 'pricey', 'expensive', 'cheap', 'value', 'money', 'cost', 'overpriced', 'discount', 'affordable', 'worth'],
    cues: { 太贵: -1, 小贵: -1, 偏贵: -1, 不值: -1, 涨价: -1, 性价比高: 1, 性价比很高: 1, 性价比超高: 1, 物超所值: 1, 划算: 1, pricey: -1, overpriced: -1, 'rip off': -1, 'great value': 1, 'good value': 1 },
  },
  quality: {
    name: { en: 'Quality', zh: '质量' },
    zh: ['质量', '做工', '品质', '材质', '用料', '坏了', '粗糙', '耐用', '结实', '正品', '假货', '色差', '瑕疵', '和描述'],
    en: ['quality', 'build', 'material', 'broke', 'broken', 'durable', 'flimsy', 'defective', 'sturdy', 'fake', 'craftsmanship', 'description', 'feels cheap'],
    cues: { 做工精细: 1, 质量很好: 1, 坏了: -1, 就坏: -1, 不符: -1, 色差: -1, 瑕疵: -1, broke: -1, defective: -1, 'feels cheap': -1, 'nothing like': -1 },
  },
  service: {
    name: { en: 'Customer service', zh: '客服服务' },
    zh: ['客服', '服务', '态度', '售后', '回复', '商家', '退货', '退款', '没人处理'],
    en: ['support', 'service', 'customer service', 'staff', 'seller', 'reply', 'replied', 'answer', 'answered', 'refund', 'return'],
    cues: { 不回复: -1, 没人处理: -1, 不理: -1, 态度好: 1, 'never answered': -1, 'no reply': -1, 'never replied': -1 },
  },
  packaging: {
    name: { en: 'Packaging', zh: '包装' },
    zh: ['包装', '盒子', '外包装', '破损', '完好', '包裹'],
    en: ['packaging', 'packed', 'package', 'box', 'wrapped', 'wrapping', 'damaged'],
    cues: { 破损: -1, 压坏: -1, 包装完好: 1, damaged: -1, crushed: -1, 'well packed': 1 },
  },
  usability: {
    name: { en: 'App & usability', zh: '应用与易用性' },
    zh: ['操作', '界面', 'app', '软件', '卡顿', '闪退', '流畅', '安装', '设置', '用起来', '上手'],
    en: ['app', 'interface', 'ui', 'easy to use', 'usability', 'install', 'setup', 'crash', 'crashes', 'laggy', 'intuitive', 'confusing', 'a joy to use'],
    cues: { 闪退: -1, 卡顿: -1, 难用: -1, 顺手: 1, 好用: 1, crash: -1, crashes: -1, laggy: -1, intuitive: 1 },
  },
  battery: {
    name: { en: 'Battery', zh: '电池续航' },
    zh: ['电池', '续航', '充电', '电量', '耗电'],
    en: ['battery', 'charge', 'charging', 'charger', 'battery life'],
    cues: { 耗电快: -1, 续航差: -1, 续航久: 1, drains: -1, 'dies fast': -1, 'lasts all day': 1 },
  },
  payment: {
    name: { en: 'Payment & checkout', zh: '支付结账' },
    zh: ['付款', '支付', '结账', '扣款', '下单', '支付宝', '微信支付'],
    en: ['payment', 'pay', 'paid', 'checkout', 'charged', 'card'],
    cues: { 支付失败: -1, 付款失败: -1, 支付超时: -1, 扣了: -1, 失败: -1, 卡住: -1, fails: -1, failing: -1, froze: -1, timeout: -1, 'charged but': -1 },
  },
};
