import { lazy } from 'react';
import type { AdminPage } from '../../app/router';
import { MailOffNote } from './MailOffNote';

const OrgsScreen = lazy(() => import('./OrgsScreen'));
const UsersScreen = lazy(() => import('./UsersScreen'));
const ExpertsScreen = lazy(() => import('./ExpertsScreen'));
const AuditScreen = lazy(() => import('./AuditScreen'));

/** The administration pages (the server narrows each list to what the caller may manage). */
export default function AdminScreen({ page }: { page: AdminPage }) {
  return (
    <>
      <MailOffNote />
      <AdminPageView page={page} />
    </>
  );
}

function AdminPageView({ page }: { page: AdminPage }) {
  switch (page) {
    case 'orgs':
      return <OrgsScreen />;
    case 'users':
      return <UsersScreen />;
    case 'experts':
      return <ExpertsScreen />;
    case 'audit':
      return <AuditScreen />;
  }
}
