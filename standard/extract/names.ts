/**
 * Stable English ids (slugs) and English names for the Chinese names of Table 1.
 * The ids are part of the data contract: never rename one, add a new one instead.
 */
import type { IndustryId } from '../../src/model/types.js';

export interface NameEntry {
  id: string;
  nameEn: string;
}

export const DOMAIN_NAMES: Record<string, NameEntry> = {
  组织: { id: 'organization', nameEn: 'Organization' },
  技术: { id: 'technology', nameEn: 'Technology' },
  数据: { id: 'data', nameEn: 'Data' },
  资源: { id: 'resources', nameEn: 'Resources' },
  数字化运营: { id: 'digital-operations', nameEn: 'Digital operations' },
  数字化生产: { id: 'digital-production', nameEn: 'Digital production' },
  数字化服务: { id: 'digital-services', nameEn: 'Digital services' },
  数字化成效: { id: 'digital-outcomes', nameEn: 'Digital transformation outcomes' },
};

export const SUBDOMAIN_NAMES: Record<string, NameEntry> = {
  组织建设: { id: 'organization-building', nameEn: 'Organization building' },
  转型战略: { id: 'transformation-strategy', nameEn: 'Transformation strategy' },
  流程管理: { id: 'process-management', nameEn: 'Business process management' },
  变革管理: { id: 'change-management', nameEn: 'Change management' },
  研发管理: { id: 'rd-management', nameEn: 'R&D management' },
  技术创新: { id: 'technology-innovation', nameEn: 'Technology innovation' },
  信息安全: { id: 'information-security', nameEn: 'Information security' },
  业务数据化: { id: 'business-digitization', nameEn: 'Digitization of business' },
  数据管理: { id: 'data-management', nameEn: 'Data management' },
  数据资产: { id: 'data-assets', nameEn: 'Data assets' },
  数据业务化: { id: 'data-driven-business', nameEn: 'Data-driven business' },
  基础设施: { id: 'infrastructure', nameEn: 'Infrastructure' },
  应用支撑资源: { id: 'application-support-resources', nameEn: 'Application support resources' },
  资金: { id: 'funding', nameEn: 'Funding' },
  知识: { id: 'knowledge', nameEn: 'Knowledge' },
  数字化营销: { id: 'digital-marketing', nameEn: 'Digital marketing' },
  数字化财务: { id: 'digital-finance', nameEn: 'Digital finance' },
  数字化供应链: { id: 'digital-supply-chain', nameEn: 'Digital supply chain' },
  产品设计: { id: 'product-design', nameEn: 'Product design' },
  工艺设计: { id: 'process-design', nameEn: 'Process (technology) design' },
  中试验证: { id: 'pilot-verification', nameEn: 'Pilot-scale verification' },
  计划调度: { id: 'planning-scheduling', nameEn: 'Planning and scheduling' },
  生产作业: { id: 'production-operations', nameEn: 'Production operations' },
  质量管控: { id: 'quality-control', nameEn: 'Quality control' },
  设备管理: { id: 'equipment-management', nameEn: 'Equipment management' },
  仓储配送: { id: 'warehousing-distribution', nameEn: 'Warehousing and distribution' },
  安全生产: { id: 'production-safety', nameEn: 'Production safety' },
  环保管理: { id: 'environmental-management', nameEn: 'Environmental protection management' },
  能源管理: { id: 'energy-management', nameEn: 'Energy management' },
  生产协同: { id: 'production-collaboration', nameEn: 'Production collaboration' },
  服务产品: { id: 'service-products', nameEn: 'Service products' },
  服务能力: { id: 'service-capability', nameEn: 'Service capability' },
  服务交付: { id: 'service-delivery', nameEn: 'Service delivery' },
  服务运行: { id: 'service-operation', nameEn: 'Service operation' },
  产品质量: { id: 'product-quality', nameEn: 'Product quality' },
  生产效率: { id: 'production-efficiency', nameEn: 'Production efficiency' },
  价值效益: { id: 'value-benefits', nameEn: 'Value and benefits' },
  服务质量: { id: 'service-quality', nameEn: 'Service quality' },
};

export const INDICATOR_TYPES: Record<string, 'common' | 'industry'> = {
  基础共性: 'common',
  行业特性: 'industry',
};

export const GRADE_KEYS: Record<string, { key: 'full' | 'mostly' | 'partly' | 'none'; labelEn: string }> = {
  全部满足: { key: 'full', labelEn: 'Fully met' },
  大部分满足: { key: 'mostly', labelEn: 'Mostly met' },
  部分满足: { key: 'partly', labelEn: 'Partly met' },
  不满足: { key: 'none', labelEn: 'Not met' },
};

export const LEVEL_NAMES: Record<string, { level: number; nameEn: string }> = {
  规范级: { level: 1, nameEn: 'Standardized' },
  场景级: { level: 2, nameEn: 'Scenario' },
  领域级: { level: 3, nameEn: 'Domain' },
  平台级: { level: 4, nameEn: 'Platform' },
  生态级: { level: 5, nameEn: 'Ecosystem' },
};

/**
 * Words that identify the industry of an Appendix B table (two of the three tables have no title).
 * The industry of a table is the one whose words occur most often in it.
 */
export const INDUSTRY_KEYWORDS: Record<IndustryId, RegExp> = {
  mining: /采选|采矿|选矿|矿山/g,
  smelting: /冶炼/g,
  processing: /加工|轧制|挤压|拉拔/g,
};
