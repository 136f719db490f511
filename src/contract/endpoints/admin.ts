/** Endpoints: administration. */
import {
  AuditPage,
  AuditQuery,
  AuditVerification,
  CreateOrganisationRequest,
  OrgIdParams,
  UpdateProfileRequest,
  CreateUserRequest,
  ExpertPoolEntry,
  ExpertProfile,
  Organisation,
  OrganisationPage,
  OrganisationQuery,
  PutExpertProfileRequest,
  UpdateUserRequest,
  UserIdParams,
  UserPage,
  UserQuery,
  UserView,
} from '../admin.js';
import { PasswordResetIssued } from '../auth.js';
import { Type } from '../schema.js';
import type { EndpointDef } from '../schema.js';

export const adminEndpoints = {
  'GET /api/orgs': {
    summary:
      'A page of the organisations (all for the platform admin; otherwise the assessment bodies, one’s own, and for the bodies’ people the enterprises): search, filters, sort',
    tags: ['admin'],
    query: OrganisationQuery,
    response: OrganisationPage,
  },
  'POST /api/orgs': {
    summary: 'Create an organisation (platform admin)',
    tags: ['admin'],
    body: CreateOrganisationRequest,
    response: Organisation,
    status: 201,
  },
  'PUT /api/orgs/:orgId/profile': {
    summary:
      'Set the enterprise profile (4.6.4: size, sub-sector, region, ownership): platform admin, or the enterprise’s own users',
    tags: ['admin'],
    params: OrgIdParams,
    body: UpdateProfileRequest,
    response: Organisation,
  },
  'GET /api/users': {
    summary:
      'A page of the users of an organisation (user.manage), or of all (platform admin): search, filters, sort',
    tags: ['admin'],
    query: UserQuery,
    response: UserPage,
  },
  'POST /api/users': {
    summary: 'Create a user with a password',
    tags: ['admin'],
    body: CreateUserRequest,
    response: UserView,
    status: 201,
  },
  'PATCH /api/users/:userId': {
    summary: 'Update a user (roles, disciplines, active, display name, password)',
    tags: ['admin'],
    params: UserIdParams,
    body: UpdateUserRequest,
    response: UserView,
  },
  'GET /api/experts': {
    summary:
      'The expert pool: every expert (platform admin) or the experts of one’s own body (body admin), with disciplines, training validity, declared interests and workload',
    tags: ['admin'],
    response: Type.Array(ExpertPoolEntry),
  },
  'POST /api/users/:userId/password-reset': {
    summary:
      'Issue a one-time password reset (user manager): the user’s password and sessions end; the link sets a new one',
    tags: ['admin'],
    params: UserIdParams,
    response: PasswordResetIssued,
    status: 201,
  },
  'GET /api/users/:userId/expert-profile': {
    summary: 'An expert’s training validity and declared interest relations (self or user manager)',
    tags: ['admin'],
    params: UserIdParams,
    response: ExpertProfile,
  },
  'PUT /api/users/:userId/expert-profile': {
    summary:
      'Set the training validity (user manager) and the declared interest relations (the expert or a user manager)',
    tags: ['admin'],
    params: UserIdParams,
    body: PutExpertProfileRequest,
    response: ExpertProfile,
  },
  'GET /api/audit': {
    summary:
      'The audit log (platform admin), oldest first, paged by seq (`afterSeq`), filtered by record type, record, action and actor, with the total for the pager',
    tags: ['audit'],
    query: AuditQuery,
    response: AuditPage,
  },
  'GET /api/audit/verify': {
    summary: 'Verify the audit hash chain (platform admin)',
    tags: ['audit'],
    response: AuditVerification,
  },
} as const satisfies Record<string, EndpointDef>;
