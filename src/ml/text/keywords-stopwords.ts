/**
 * Stop-words for keyword extraction in Chinese and English: function words, pronouns, fillers and the generic
 * shopping words ("东西", "item", "product") that appear in nearly every review and so name no topic.
 * Hand-written for Northstar; kept separate from the sentiment lexicon because polarity words are not stop-words
 * (a complaint topic is often "慢" + "物流").
 */

/** Builds a set from space-separated word lists. */
function words(...lists: readonly string[]): ReadonlySet<string> {
  return new Set(lists.flatMap((l) => l.split(/\s+/u)).filter((w) => w.length > 0));
}

/** Chinese stop-words (jieba tokens). */
export const ZH_STOPWORDS: ReadonlySet<string> = words(
  '的 了 是 在 我 你 他 她 它 我们 你们 他们 这 那 这个 那个 这些 那些 就 都 也 还 又 和 与 及 或 而 且 但 但是 可是 不过',
  '很 非常 太 真 真的 挺 比较 有点 有些 一点 一些 一下 一个 一次 一样 没有 没 不 有 要 会 能 可以 可能 应该 已经 还是 就是',
  '吧 吗 呢 啊 呀 哦 嗯 哈 哈哈 啦 么 嘛 着 过 得 地 之 其 被 把 给 让 对 从 到 向 为 为了 因为 所以 如果 虽然 然后 之后',
  '什么 怎么 怎么办 为什么 哪 哪里 谁 多少 几 这样 那样 这么 那么 自己 大家 东西 商品 宝贝 产品 卖家 店家 买家 购买 买 下单',
  '收到 觉得 感觉 用 用了 使用 时候 时间 天 两天 一天 第二次 次 再 来 去 说 看 想 知道 问题 一直 还会 下次 本身 描述 一如既往',
  '怎么样 如何 多久 可否 请问 帮忙 能不能 是否 吗？ 就是说 以及 以后 之前 目前 现在',
);

/** English stop-words. */
export const EN_STOPWORDS: ReadonlySet<string> = words(
  'a an the and or but if then else so as at by for from in into of on onto to with without about over under after before',
  'i me my mine we us our you your he him his she her it its they them their this that these those there here what which who whom',
  'is am are was were be been being do does did doing have has had having will would shall should can could may might must',
  'not no nor very too really just also only even still again ever more most much many some any all each every other such',
  'item items product products thing things one ones get got getting buy bought buying order ordered use used using',
  'how when where why what whether can could would please thanks thank hi hello time times day days week two first second',
  'is it s t don didn doesn isn wasn won ll ve re d m o',
);

/** True for tokens that carry no topic: stop-words, punctuation, numbers, emoji, single Latin letters. */
export function isStopToken(token: string, lang: 'zh' | 'en' | 'other'): boolean {
  if (!/[\p{L}]/u.test(token)) return true;
  if (ZH_STOPWORDS.has(token) || EN_STOPWORDS.has(token)) return true;
  // a single Han character is rarely a topic on its own (慢 / 贵 are caught by the aspect lexicon instead)
  if (/^\p{Script=Han}$/u.test(token)) return true;
  if (lang !== 'zh' && /^[a-z]{1,2}$/u.test(token)) return true;
  return false;
}
