/**
 * Server-paged lists (issue 10): the pager, search boxes and filters of the administration tables, the evidence
 * and contest lists. A lazily loaded feature: imported only by the screens that page (never by the first
 * script), read with `useFeatureText(pagingMessages)`; both languages here (a few hundred bytes of a lazy chunk).
 */
import { defineLazyMessages } from './useFeatureText';

export const pagingMessages = defineLazyMessages(
  {
    range: '第 {from}–{to} 条，共 {total} 条',
    none: '共 0 条',
    prev: '上一页',
    next: '下一页',
    pageSize: '每页条数',
    usersSearch: '搜索姓名、用户名（邮箱）',
    allRoles: '全部角色',
    allOrgs: '全部单位',
    allStates: '全部状态',
    orgsSearch: '搜索名称、统一社会信用代码',
    allSubSectors: '全部细分领域',
    orgSearch: '输入名称搜索单位',
    allActions: '全部操作',
    allActors: '全部操作人',
    actorSearch: '输入姓名或用户名搜索',
    evidenceKinds: '全部来源',
    reviewStates: '全部审核状态',
    unreviewed: '未审核',
    allRequirements: '全部评估要求',
    contestStates: '全部异议',
  },
  {
    range: '{from}–{to} of {total}',
    none: 'None',
    prev: 'Previous',
    next: 'Next',
    pageSize: 'Per page',
    usersSearch: 'Search name or user name (e-mail)',
    allRoles: 'All roles',
    allOrgs: 'All organisations',
    allStates: 'All states',
    orgsSearch: 'Search name or credit code',
    allSubSectors: 'All sub-sectors',
    orgSearch: 'Type a name to search',
    allActions: 'All actions',
    allActors: 'Anyone',
    actorSearch: 'Type a name or user name',
    evidenceKinds: 'All sources',
    reviewStates: 'Any review state',
    unreviewed: 'Not reviewed',
    allRequirements: 'All requirements',
    contestStates: 'All contests',
  },
);
