import type { Rng } from '../../common/rng.js';

/** A product category with its bilingual names and price range (CNY). */
export interface DemoCategory {
  /** Stable key used in event properties (`category`). */
  key: string;
  en: string;
  zh: string;
  minPrice: number;
  maxPrice: number;
  /** Share of all product views that land in this category. */
  popularity: number;
  /** [zh, en] product nouns. */
  nouns: ReadonlyArray<readonly [string, string]>;
}

/** A generated product: what `upsertItems` stores and what events reference. */
export interface DemoProduct {
  id: string;
  category: DemoCategory;
  titleZh: string;
  titleEn: string;
  brand: string;
  price: number;
  /** Hidden quality in [0, 1]: drives review ratings, so ratings and text agree per product. */
  quality: number;
  /** Relative popularity within its category (Zipf-like). */
  weight: number;
}

/** The ten categories of the demo shop, in a fixed order. */
export const DEMO_CATEGORIES: readonly DemoCategory[] = [
  { key: 'electronics', en: 'Electronics', zh: '电子产品', minPrice: 99, maxPrice: 6999, popularity: 1.6,
    nouns: [['无线蓝牙耳机', 'Wireless Earbuds'], ['机械键盘', 'Mechanical Keyboard'], ['智能手表', 'Smartwatch'],
      ['移动电源', 'Power Bank'], ['平板电脑', 'Tablet'], ['降噪耳机', 'Noise-Cancelling Headphones'], ['智能音箱', 'Smart Speaker']] },
  { key: 'apparel', en: 'Apparel', zh: '服装', minPrice: 49, maxPrice: 899, popularity: 1.4,
    nouns: [['羽绒服', 'Down Jacket'], ['纯棉T恤', 'Cotton T-Shirt'], ['牛仔裤', 'Jeans'], ['卫衣', 'Hoodie'],
      ['连衣裙', 'Dress'], ['羊毛围巾', 'Wool Scarf']] },
  { key: 'home', en: 'Home & Kitchen', zh: '家居厨具', minPrice: 29, maxPrice: 1999, popularity: 1.1,
    nouns: [['不粘锅', 'Non-Stick Pan'], ['空气炸锅', 'Air Fryer'], ['床上四件套', 'Bedding Set'], ['保温杯', 'Thermos Bottle'],
      ['台灯', 'Desk Lamp'], ['收纳箱', 'Storage Box']] },
  { key: 'beauty', en: 'Beauty', zh: '美妆个护', minPrice: 39, maxPrice: 799, popularity: 1.2,
    nouns: [['保湿面霜', 'Moisturising Cream'], ['口红', 'Lipstick'], ['防晒霜', 'Sunscreen'], ['洗面奶', 'Facial Cleanser'],
      ['精华液', 'Serum']] },
  { key: 'groceries', en: 'Groceries', zh: '食品生鲜', minPrice: 9, maxPrice: 299, popularity: 1.0,
    nouns: [['坚果礼盒', 'Nut Gift Box'], ['挂耳咖啡', 'Drip Coffee'], ['绿茶', 'Green Tea'], ['五常大米', 'Wuchang Rice'],
      ['牛奶', 'Milk'], ['黑巧克力', 'Dark Chocolate']] },
  { key: 'sports', en: 'Sports & Outdoors', zh: '运动户外', minPrice: 59, maxPrice: 2999, popularity: 0.8,
    nouns: [['跑步鞋', 'Running Shoes'], ['瑜伽垫', 'Yoga Mat'], ['登山背包', 'Hiking Backpack'], ['帐篷', 'Tent'],
      ['哑铃', 'Dumbbells']] },
  { key: 'books', en: 'Books', zh: '图书', minPrice: 19, maxPrice: 199, popularity: 0.6,
    nouns: [['科幻小说', 'Science Fiction Novel'], ['编程入门', 'Programming Primer'], ['历史读本', 'History Reader'],
      ['儿童绘本', "Children's Picture Book"], ['菜谱', 'Cookbook']] },
  { key: 'baby', en: 'Baby', zh: '母婴', minPrice: 29, maxPrice: 999, popularity: 0.6,
    nouns: [['纸尿裤', 'Diapers'], ['婴儿推车', 'Stroller'], ['奶瓶', 'Baby Bottle'], ['婴儿湿巾', 'Baby Wipes']] },
  { key: 'toys', en: 'Toys', zh: '玩具', minPrice: 29, maxPrice: 699, popularity: 0.5,
    nouns: [['积木', 'Building Blocks'], ['遥控车', 'RC Car'], ['拼图', 'Jigsaw Puzzle'], ['毛绒玩具', 'Plush Toy']] },
  { key: 'pets', en: 'Pet Supplies', zh: '宠物用品', minPrice: 19, maxPrice: 499, popularity: 0.5,
    nouns: [['猫粮', 'Cat Food'], ['狗粮', 'Dog Food'], ['猫砂', 'Cat Litter'], ['宠物玩具', 'Pet Toy']] },
];

const MODIFIERS: ReadonlyArray<readonly [string, string]> = [
  ['经典款', 'Classic'], ['轻薄', 'Slim'], ['专业版', 'Pro'], ['旗舰', 'Flagship'], ['迷你', 'Mini'],
  ['加厚', 'Thick'], ['便携', 'Portable'], ['高端', 'Premium'], ['家庭装', 'Family Pack'], ['限量版', 'Limited Edition'],
];

const BRANDS: readonly string[] = [
  'Lumo', 'Kaiyun', 'Northpeak', 'Xinghe', 'Orchid', 'Tianma', 'Brisa', 'Mocha', 'Haitang', 'Vela', 'Zhiyu', 'Pinecone',
];

/** Rounds a price to the retail look of the shop (ends in 9). */
function retailPrice(value: number): number {
  return Math.max(9, Math.round(value / 10) * 10 - 1);
}

/**
 * Generates `count` products spread over {@link DEMO_CATEGORIES} in proportion to their popularity, with unique
 * bilingual titles, log-uniform prices inside the category range and a Zipf-like popularity per product.
 */
export function generateCatalog(rng: Rng, count: number): DemoProduct[] {
  const totalPopularity = DEMO_CATEGORIES.reduce((sum, c) => sum + c.popularity, 0);
  const products: DemoProduct[] = [];
  const seenTitles = new Set<string>();
  let index = 0;
  DEMO_CATEGORIES.forEach((category, categoryIndex) => {
    // The last category takes the remainder so exactly `count` products exist.
    const share =
      categoryIndex === DEMO_CATEGORIES.length - 1
        ? count - index
        : Math.round((count * category.popularity) / totalPopularity);
    for (let rank = 0; rank < share && index < count; rank++) {
      const [nounZh, nounEn] = rng.pick(category.nouns);
      const [modZh, modEn] = rng.pick(MODIFIERS);
      const brand = rng.pick(BRANDS);
      let titleEn = `${brand} ${modEn} ${nounEn}`;
      let titleZh = `${brand} ${modZh}${nounZh}`;
      // Same words twice: add a model number so titles stay unique (they identify products in reviews).
      if (seenTitles.has(titleEn)) {
        const model = `${String.fromCharCode(65 + rng.int(0, 25))}${rng.int(2, 99)}`;
        titleEn = `${titleEn} ${model}`;
        titleZh = `${titleZh} ${model}`;
      }
      seenTitles.add(titleEn);
      const logMin = Math.log(category.minPrice);
      const logMax = Math.log(category.maxPrice);
      index += 1;
      products.push({
        id: `p_${String(index).padStart(4, '0')}`,
        category,
        titleZh,
        titleEn,
        brand,
        price: retailPrice(Math.exp(logMin + rng.next() * (logMax - logMin))),
        quality: Math.min(1, Math.max(0, rng.normal(0.65, 0.2))),
        weight: 1 / Math.pow(rank + 1, 0.8),
      });
    }
  });
  return products;
}
