/** The fr catalog, one file per area of the product (each helper of a feature adds its own). */
import accessibility from './accessibility.json';
import booking from './booking.json';
import citizenFlows from './citizenFlows.json';
import diagnostics from './diagnostics.json';
import errors from './errors.json';
import follow from './follow.json';
import lobby from './lobby.json';
import lobbySettings from './lobbySettings.json';
import officeConflicts from './officeConflicts.json';
import officeAdmin from './officeAdmin.json';
import officeAudit from './officeAudit.json';
import officeScreens from './officeScreens.json';
import officeBooking from './officeBooking.json';
import officeStatistics from './officeStatistics.json';
import office from './office.json';
import printFailures from './printFailures.json';
import setup from './setup.json';
import statistics from './statistics.json';
import technician from './technician.json';
import ticket from './ticket.json';
import ui from './ui.json';
import walkInPages from './walkInPages.json';

export default {
  ticket,
  errors,
  printFailures,
  ui,
  citizenFlows,
  accessibility,
  technician,
  diagnostics,
  statistics,
  setup,
  lobby,
  walkInPages,
  lobbySettings,
  officeStatistics,
  follow,
  office,
  officeConflicts,
  officeAdmin,
  officeScreens,
  officeAudit,
  officeBooking,
  booking,
};
