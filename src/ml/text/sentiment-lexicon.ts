/**
 * A small hand-written bilingual sentiment lexicon (written for Northstar, not copied from any dataset):
 * polarity words with weights in [-2, 2], intensifiers (multipliers for the next polarity word), negators,
 * contrast words, and emoji / emoticons. Kept small on purpose: it is the fast baseline beside trained models.
 */

/** Polarity weights of words and emoji; positive > 0, negative < 0. */
export type PolarityTable = Readonly<Record<string, number>>;

/** The lexicon of one language. */
export interface LanguageLexicon {
  readonly polarity: PolarityTable;
  readonly intensifiers: Readonly<Record<string, number>>;
  readonly negators: ReadonlySet<string>;
  /** Words after which the clause that follows counts more ("but", "但是"). */
  readonly contrast: ReadonlySet<string>;
}

/** Builds a weight table from space-separated word lists. */
function table(groups: readonly (readonly [number, string])[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [weight, words] of groups) for (const w of words.split(/\s+/u)) if (w.length > 0) out[w] = weight;
  return out;
}

/** Emoji and emoticons, shared by both languages. */
export const EMOJI_POLARITY: PolarityTable = table([
  [2, '😍 🥰 😻 ❤️ ❤ 💯 👍👍 🎉 🤩'],
  [1.5, '😀 😃 😄 😁 😊 ☺️ 🙂 👍 👏 💕 💖 ✨ 🙌 😘 ^_^ ^^ :) :-) :d :-d =) ;) ;-) <3 xd'],
  [-1.5, '😞 😟 😢 😭 😩 😫 🙁 ☹️ 👎 💔 😒 😕 :( :-( :/ :-/ =( :\'( t_t'],
  [-2, '😡 😠 🤬 🤮 🤢 💩 😤'],
]);

/** English lexicon. */
export const EN_LEXICON: LanguageLexicon = {
  polarity: table([
    [2, 'excellent amazing awesome fantastic perfect outstanding superb wonderful brilliant love loved loves best masterpiece flawless delightful hilarious wonderfully beautifully'],
    [1.5, 'great beautiful enjoyable enjoyed impressive incredible lovely recommend recommended gorgeous remarkable charming terrific fun funny moving touching powerful witty heartfelt gripping riveting fascinating inventive intelligent thoughtful refreshing stunning'],
    [1, 'good nice fine happy glad pleased like liked likes easy fast quick smooth comfortable clean reliable useful helpful friendly solid worth cheap affordable satisfied pleasant interesting entertaining fresh clever smart well works better compelling engaging rich warm sweet'],
    [0.5, 'ok okay decent fair'],
    [-0.5, 'slow meh average mediocre'],
    [-1, 'bad poor wrong problem problems issue issues broken expensive difficult hard dull boring weak cheaply flimsy noisy dirty late rude slowly unfortunately disappointing disappointed confusing annoying tedious bland lacks lacking mess messy fails failed fail unhelpful overpriced stupid silly flat predictable cliche cliches clichéd formulaic lame tired unfunny pointless shallow forgettable clumsy sloppy bore'],
    [-1.5, 'terrible horrible awful hate hated hates useless worse waste wasted junk garbage crap ugly painful pathetic ridiculous refund scam dreadful lousy incoherent'],
    [-2, 'worst disaster disgusting unacceptable atrocious abysmal'],
  ]),
  intensifiers: table([
    [2, 'extremely incredibly absolutely totally utterly'],
    [1.5, 'very really so too highly super truly most especially'],
    [1.2, 'quite pretty more'],
    [0.6, 'somewhat slightly bit little rather kinda'],
  ]),
  negators: new Set(['not', 'no', 'never', 'nothing', 'nobody', 'none', 'neither', 'nor', 'without', 'hardly', 'barely', 'cannot']),
  contrast: new Set(['but', 'however', 'although', 'though', 'yet']),
};

/** Chinese lexicon (simplified characters; jieba tokens). */
export const ZH_LEXICON: LanguageLexicon = {
  polarity: table([
    [2, '完美 超赞 极好 一流 惊艳 满分 五星 力荐 强烈推荐 太棒了 棒极了 无可挑剔'],
    [1.5, '很棒 棒 赞 优秀 喜欢 推荐 满意 精彩 出色 优质 舒适 舒服 划算 好评 物超所值 值得 惊喜 漂亮 完好 开心 感动 贴心 热情 周到'],
    [1, '好 不错 挺好 可以 方便 快 快速 干净 整洁 清晰 流畅 实惠 便宜 耐用 好用 好看 好吃 新鲜 稳定 安静 宽敞 及时 耐心 友好 礼貌 专业 正品 精致 合适 实用 值 感谢 谢谢 支持 满足 愉快 温馨 细心 给力 靠谱 有趣 好玩 轻便 结实'],
    [0.5, '还行 还好 一般 凑合 尚可'],
    [-0.5, '一般般 有点 略'],
    [-1, '差 慢 贵 脏 吵 旧 小 难用 麻烦 问题 失望 不好 不行 不满 遗憾 可惜 缺点 毛病 故障 卡 卡顿 发热 异味 破损 坏 坏了 晚 延迟 错误 难吃 难看 粗糙 简陋 冷淡 敷衍 郁闷 后悔 不值 太贵 不够 退货 退款 投诉 糟 差劲 一般化 不爽 不满意 吵闹 潮湿 昏暗 陈旧 不推荐 无语 无奈'],
    [-1.5, '很差 太差 极差 糟糕 垃圾 恶心 烂 坑 骗 骗子 欺骗 忽悠 假货 恶劣 生气 气愤 愤怒 不靠谱 差评 上当 后悔死了'],
    [-2, '最差 太烂 垃圾货 千万别 别买 再也不'],
  ]),
  intensifiers: table([
    [2, '极 极其 超级 特别 十分 非常 太 超 相当 无比'],
    [1.5, '很 真 真的 好 挺 蛮 更 最 实在 越来越'],
    [1.2, '比较 较 还'],
    [0.6, '稍 稍微 略微 有些 有点儿'],
  ]),
  negators: new Set(['不', '没', '没有', '无', '未', '别', '非', '不是', '毫不', '并不', '并非', '从不', '从没', '不会', '不太', '不够', '不怎么', '不算']),
  contrast: new Set(['但', '但是', '可是', '不过', '然而', '只是', '却']),
};
