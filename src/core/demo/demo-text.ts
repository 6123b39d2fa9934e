import type { Rng } from '../../common/rng.js';

/**
 * Bilingual review and support texts. Each review text is chosen from the bucket of its rating, so sentiment
 * models trained or evaluated on the demo see text that agrees with the stars, in zh-CN and in English.
 */

type Bucket = 'positive' | 'neutral' | 'negative';

const REVIEWS: Record<'zh-CN' | 'en', Record<Bucket, readonly string[]>> = {
  'zh-CN': {
    positive: [
      '{title}质量很好，物流也快，非常满意！',
      '买给家人的{title}，做工精细，性价比很高，推荐购买。',
      '第二次回购了，{title}一如既往的好用，好评！',
      '包装完好，{title}和描述一致，客服态度也很好。',
      '超出预期！{title}用起来很顺手，下次还会再来。',
      '物流很快，第二天就到了，{title}包装也很用心，赞！',
      '{title}性价比很高，价格实惠，做工也不错。',
      '电池续航很给力，{title}充一次电能用好几天，满意。',
    ],
    neutral: [
      '{title}还行吧，中规中矩，价格有点小贵。',
      '东西一般，{title}和图片有些色差，凑合用。',
      '物流有点慢，{title}本身还可以。',
      '{title}质量还可以，就是价格偏贵了一点。',
      '包装有点简陋，{title}倒是没坏，一般吧。',
    ],
    negative: [
      '{title}质量太差了，用了两天就坏了，非常失望。',
      '和描述严重不符，{title}做工粗糙，要求退货。',
      '等了一个星期才到货，{title}还是破损的，差评！',
      '客服一直不回复，{title}有问题也没人处理，不会再买了。',
      '快递太慢了，等了十天才到，{title}的外包装还压坏了，差评。',
      '{title}价格太贵了，同样的东西别家便宜一半，不值这个价。',
      '{title}电池续航很差，半天就没电了，充电还发热，失望。',
      '收到的{title}有明显瑕疵，和描述不符，售后态度也很差。',
    ],
  },
  en: {
    positive: [
      'The {title} is excellent quality and arrived fast. Very happy!',
      'Bought the {title} as a gift, great build and great value. Recommended.',
      'Second time buying the {title}, works as well as ever. Five stars!',
      'Well packed, the {title} matches the description, and support was friendly.',
      'Better than expected! The {title} is a joy to use, will come back.',
      'Delivery was fast, arrived the next day, and the {title} was well packed. Great!',
      'Great value for money, the {title} feels sturdy and works perfectly.',
      'Battery life on the {title} is excellent, lasts all day. Love it.',
    ],
    neutral: [
      'The {title} is okay, nothing special, a bit pricey.',
      'Average. The {title} looks slightly different from the photos, but it works.',
      'Shipping was slow; the {title} itself is fine.',
      'Decent quality but the {title} is a bit pricey for what it is.',
      'The packaging was flimsy, though the {title} survived. Okay.',
    ],
    negative: [
      'The {title} broke after two days. Terrible quality, very disappointed.',
      'Nothing like the description, the {title} feels cheap. I want a refund.',
      'Took a week to arrive and the {title} was damaged. Awful.',
      'Support never answered about my broken {title}. Never buying again.',
      'Delivery took ten days and the box was crushed. The {title} arrived damaged. Awful.',
      'Way too expensive. The {title} is overpriced, half the price elsewhere. Terrible value.',
      'Battery on the {title} drains in half a day and the charger gets hot. Disappointed.',
      'The {title} has obvious defects, nothing like the description, and customer service was rude.',
    ],
  },
};

/** Topics of support questions. */
export type SupportTopic = 'payment' | 'shipping' | 'refund' | 'coupon' | 'account' | 'product';

const SUPPORT: Record<'zh-CN' | 'en', Record<SupportTopic, readonly string[]>> = {
  'zh-CN': {
    payment: ['付款一直失败，提示支付超时，怎么办？', '下单时支付页面卡住了，钱扣了但订单没成功。', '为什么安卓App付款总是失败？'],
    shipping: ['我的订单什么时候发货？', '物流信息三天没更新了，能帮忙查一下吗？', '可以修改收货地址吗？'],
    refund: ['退货退款需要多久到账？', '商品有质量问题，怎么申请退款？'],
    coupon: ['大促优惠券为什么用不了？', '满减活动和会员折扣可以叠加吗？', '优惠券过期了还能补发吗？'],
    account: ['忘记密码了，收不到验证码。', '怎么开通Plus会员？', '如何注销账号？'],
    product: ['{title}有没有其他颜色？', '{title}支持七天无理由退货吗？', '{title}什么时候补货？'],
  },
  en: {
    payment: ['My payment keeps failing with a timeout, what should I do?', 'The payment page froze; I was charged but there is no order.', 'Why does checkout fail in the Android app?'],
    shipping: ['When will my order ship?', 'Tracking has not updated for three days, can you check?', 'Can I change my delivery address?'],
    refund: ['How long does a refund take?', 'My item is defective, how do I request a refund?'],
    coupon: ['Why can I not use my sale coupon?', 'Can the discount be combined with the Plus member price?', 'My coupon expired, can you reissue it?'],
    account: ['I forgot my password and get no verification code.', 'How do I join Plus membership?', 'How do I delete my account?'],
    product: ['Does the {title} come in other colours?', 'Can I return the {title} within seven days?', 'When will the {title} be back in stock?'],
  },
};

/** A star rating (1-5) for a product of hidden `quality` in [0, 1]; shipping delays pull it down. */
export function drawRating(rng: Rng, quality: number): number {
  return Math.min(5, Math.max(1, Math.round(rng.normal(1.6 + 3.6 * quality, 0.8))));
}

function bucketOf(rating: number): Bucket {
  return rating >= 4 ? 'positive' : rating === 3 ? 'neutral' : 'negative';
}

/** A review text in `lang` whose tone matches `rating`. */
export function reviewText(rng: Rng, lang: 'zh-CN' | 'en', rating: number, title: string): string {
  return rng.pick(REVIEWS[lang][bucketOf(rating)]).replace('{title}', title);
}

/** A support question in `lang` about `topic`. */
export function supportText(rng: Rng, lang: 'zh-CN' | 'en', topic: SupportTopic, title: string): string {
  return rng.pick(SUPPORT[lang][topic]).replace('{title}', title);
}

const INCIDENT_REVIEWS: Record<'zh-CN' | 'en', readonly string[]> = {
  'zh-CN': [
    '安卓App付款一直失败，提示支付超时，太坑了！',
    '结账的时候App卡住了，钱扣了订单却没成功，差评！',
    '更新后安卓版根本没法付款，支付失败好几次，气死了。',
    '支付宝付款失败三次，客服也不回复，垃圾App。',
  ],
  en: [
    'Checkout in the Android app keeps failing with a payment timeout. Useless!',
    'The app froze at payment, I was charged but got no order. Terrible.',
    'Payment failed three times in the Android app today. Awful experience, fix it!',
    'Cannot pay in the app at all since the update. Very disappointed.',
  ],
};

/** A one-star app-store review by a user whose Android checkout failed on the incident day. */
export function incidentReviewText(rng: Rng, lang: 'zh-CN' | 'en'): string {
  return rng.pick(INCIDENT_REVIEWS[lang]);
}
