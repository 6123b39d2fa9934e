// Public names of the demo shop (listed explicitly).
export {
  generateDemoShop,
  planDemoShop,
  simulateDemoShop,
  demoShopMetadata,
  DEMO_NORTH_STAR,
  type DemoShopOptions,
  type DemoShopDataset,
  type DemoShopMetadata,
  type DemoShopChunk,
  type DemoShopPlan,
} from './generate-demo-shop.js';
export { loadDemoShop, DEMO_PROJECT_ID, type LoadDemoShopOptions, type LoadDemoShopResult } from './load-demo-shop.js';
export { DEMO_CATEGORIES, type DemoCategory, type DemoProduct } from './catalog.js';
export { demoUuid, DEMO_ID_STREAM } from './demo-uuid.js';
