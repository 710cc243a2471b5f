/**
 * What a desk does (docs/office.md): take a desk and its services, call next, call again,
 * no-show, finish, transfer, pause. Each action is written to the audit log, tells the lobby
 * screens (a call, a repeat), the office pages (the queue changed) and the follow pages (a call,
 * a turn finished).
 *
 * Call next while the desk still has a called ticket finishes that one as served first: the
 * person at the desk was attended. A paused desk calls no one.
 */
import type { CallOrder, DeskState, DeskView, StaffMember } from '../../src-shared/contract/office';
import { siteToday, type ServerState } from '../context';
import { publishFollowFinish } from '../follow-feed';
import { callNext as callNextTurn, announceTurn } from '../routes/turns';
import type { DeskStateRecord } from '../store/desks-repository';
import { notifyQueueChanged } from './office-events';
import { OfficeHttpError } from './office-errors';

/** Writes a staff action to the audit log (numbers, desks, services only). */
export async function audit(
  state: ServerState,
  staff: Pick<StaffMember, 'id' | 'username'> | null,
  siteId: string | null,
  action: string,
  detail: Readonly<Record<string, string | number | boolean | readonly string[]>> = {},
  username?: string,
): Promise<void> {
  await state.store.staff.audit({
    atMs: state.now().getTime(),
    staffId: staff?.id ?? null,
    username: staff?.username ?? username ?? '',
    siteId,
    action,
    detail,
  });
}

async function deskState(
  state: ServerState,
  record: DeskStateRecord,
  day: string,
): Promise<DeskState> {
  const open = await state.store.desks.openTicket(record.siteId, record.desk, day);
  return {
    desk: record.desk,
    staffId: record.staffId,
    staffName: record.staffName,
    serviceIds: record.serviceIds,
    paused: record.paused,
    current: open ? { ...open, calls: await state.store.calledTurns.callsOf(open.ticketId) } : null,
  };
}

export async function deskStates(state: ServerState, siteId: string): Promise<DeskState[]> {
  const day = await siteToday(state, siteId);
  return Promise.all(
    (await state.store.desks.list(siteId)).map((record) => deskState(state, record, day)),
  );
}

/** The desk page's whole picture for one staff member. */
export async function deskView(
  state: ServerState,
  staff: StaffMember,
  siteId: string,
): Promise<DeskView> {
  const site = await state.store.sites.getSite(siteId);
  if (!site) throw new OfficeHttpError(404, 'not-found', `site ${siteId} is not known`);
  const day = await siteToday(state, siteId);
  const callOrder: CallOrder = await state.store.desks.callOrder(siteId);
  const mine = await state.store.desks.ofStaff(staff.id);
  const transferred = await state.store.desks.transferredWaiting(siteId, day);
  const waiting = await state.store.tickets.waiting(siteId, day, undefined, {
    rule: callOrder,
    now: state.now(),
  });
  return {
    siteId,
    siteName: site.name,
    callOrder,
    services: (await state.store.sites.listServices(siteId)).map((service) => ({
      id: service.id,
      prefix: service.prefix,
      names: service.names,
    })),
    desks: await state.store.sites.listDesks(siteId),
    mine: mine && mine.siteId === siteId ? await deskState(state, mine, day) : null,
    waiting: waiting.map((ticket) => ({
      ticketNumber: ticket.ticketNumber,
      serviceId: ticket.serviceId,
      kind: ticket.kind,
      priority: ticket.priority,
      issuedAtMs: new Date(ticket.issuedAt).getTime(),
      transferred: transferred.has(ticket.ticketId),
    })),
  };
}

/** The staff member's desk at the site; 409 `no-desk` when they hold none there. */
async function myDesk(state: ServerState, staff: StaffMember, siteId: string) {
  const mine = await state.store.desks.ofStaff(staff.id);
  if (!mine || mine.siteId !== siteId) {
    throw new OfficeHttpError(409, 'no-desk', 'choose a desk first');
  }
  return mine;
}

async function openTicketOf(state: ServerState, desk: DeskStateRecord) {
  const open = await state.store.desks.openTicket(
    desk.siteId,
    desk.desk,
    await siteToday(state, desk.siteId),
  );
  if (!open) throw new OfficeHttpError(409, 'no-current-ticket', 'the desk has no called ticket');
  return open;
}

export async function openDesk(
  state: ServerState,
  staff: StaffMember,
  siteId: string,
  desk: string,
  serviceIds: readonly string[],
): Promise<void> {
  if (!(await state.store.sites.listDesks(siteId)).includes(desk)) {
    throw new OfficeHttpError(400, 'bad-request', `${desk} is not a desk of this site`);
  }
  const known = new Set((await state.store.sites.listServices(siteId)).map((s) => s.id));
  const unknown = serviceIds.filter((id) => !known.has(id));
  if (unknown.length > 0) {
    throw new OfficeHttpError(400, 'bad-request', `unknown services: ${unknown.join(', ')}`);
  }
  if (!(await state.store.desks.open(siteId, desk, staff.id, serviceIds, state.now()))) {
    throw new OfficeHttpError(409, 'conflict', `${desk} is taken by someone else`);
  }
  await audit(state, staff, siteId, 'desk-open', { desk, serviceIds });
  notifyQueueChanged(state, siteId);
}

export async function leaveDesk(state: ServerState, staff: StaffMember): Promise<void> {
  const mine = await state.store.desks.ofStaff(staff.id);
  if (!mine) return;
  await state.store.desks.leave(staff.id);
  await audit(state, staff, mine.siteId, 'desk-leave', { desk: mine.desk });
  notifyQueueChanged(state, mine.siteId);
}

export async function pauseDesk(
  state: ServerState,
  staff: StaffMember,
  siteId: string,
  paused: boolean,
): Promise<void> {
  const mine = await myDesk(state, staff, siteId);
  await state.store.desks.setPaused(siteId, mine.desk, paused);
  await audit(state, staff, siteId, paused ? 'desk-pause' : 'desk-resume', { desk: mine.desk });
  notifyQueueChanged(state, siteId);
}

export async function callNext(state: ServerState, staff: StaffMember, siteId: string) {
  const mine = await myDesk(state, staff, siteId);
  if (mine.paused) throw new OfficeHttpError(409, 'conflict', 'the desk is paused');
  const day = await siteToday(state, siteId);
  const previous = await state.store.desks.openTicket(siteId, mine.desk, day);
  if (previous && (await state.store.desks.finish(previous.ticketId, 'served', state.now()))) {
    await audit(state, staff, siteId, 'finish', {
      desk: mine.desk,
      ticketNumber: previous.ticketNumber,
      outcome: 'served',
    });
  }
  const called = await callNextTurn(state, siteId, mine.desk, mine.serviceIds);
  if (!called) {
    notifyQueueChanged(state, siteId);
    throw new OfficeHttpError(404, 'nobody-waiting', 'nobody is waiting for these services');
  }
  await audit(state, staff, siteId, 'call-next', {
    desk: mine.desk,
    ticketNumber: called.turn.ticketNumber,
    serviceId: called.turn.serviceId,
  });
  notifyQueueChanged(state, siteId);
}

export async function callAgain(state: ServerState, staff: StaffMember, siteId: string) {
  const mine = await myDesk(state, staff, siteId);
  const open = await openTicketOf(state, mine);
  const turn = await state.store.calledTurns.repeatCall(siteId, open, mine.desk, state.now());
  announceTurn(state, siteId, turn);
  await audit(state, staff, siteId, 'call-again', {
    desk: mine.desk,
    ticketNumber: open.ticketNumber,
  });
  notifyQueueChanged(state, siteId);
}

export async function finishTicket(
  state: ServerState,
  staff: StaffMember,
  siteId: string,
  outcome: 'served' | 'no-show',
) {
  const mine = await myDesk(state, staff, siteId);
  const open = await openTicketOf(state, mine);
  await state.store.desks.finish(open.ticketId, outcome, state.now());
  await audit(state, staff, siteId, outcome === 'served' ? 'finish' : 'no-show', {
    desk: mine.desk,
    ticketNumber: open.ticketNumber,
    outcome,
  });
  notifyQueueChanged(state, siteId);
  publishFollowFinish(state, siteId);
}

export async function transferTicket(
  state: ServerState,
  staff: StaffMember,
  siteId: string,
  targetServiceId: string,
) {
  const mine = await myDesk(state, staff, siteId);
  const open = await openTicketOf(state, mine);
  if (!(await state.store.sites.getService(siteId, targetServiceId))) {
    throw new OfficeHttpError(400, 'bad-request', `service ${targetServiceId} is not known`);
  }
  const result = await state.store.transaction(
    ({ desks }) => desks.transfer(open.ticketId, targetServiceId, state.now()),
    siteId,
  );
  if (!result.ok) {
    throw new OfficeHttpError(
      409,
      'conflict',
      `${open.ticketNumber} already has a ticket in ${targetServiceId} today`,
    );
  }
  await audit(state, staff, siteId, 'transfer', {
    desk: mine.desk,
    ticketNumber: open.ticketNumber,
    from: open.serviceId,
    to: targetServiceId,
  });
  notifyQueueChanged(state, siteId);
  publishFollowFinish(state, siteId);
}
