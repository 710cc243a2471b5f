/** Where a booking stands, as the town hall and the kiosk's cache both record it. */
import { z } from 'zod';

export const AppointmentStatusSchema = z.enum(['booked', 'cancelled', 'checked-in', 'no-show']);
export type AppointmentStatus = z.infer<typeof AppointmentStatusSchema>;
