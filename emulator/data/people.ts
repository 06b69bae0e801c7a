/** Names for the demo tenants (the well-known Microsoft 365 demo personas). */
export interface Persona {
  given: string;
  surname: string;
  /** Local part of the email address. */
  alias: string;
  jobTitle: string;
  department: string;
  isAdmin?: boolean;
}

export const CONTOSO_PEOPLE: Persona[] = [
  { given: "Megan", surname: "Bowen", alias: "megan", jobTitle: "Marketing Manager", department: "Marketing" },
  { given: "Alex", surname: "Wilber", alias: "alex", jobTitle: "Marketing Assistant", department: "Marketing" },
  { given: "Adele", surname: "Vance", alias: "adele", jobTitle: "Retail Manager", department: "Retail" },
  { given: "Lee", surname: "Gu", alias: "lee", jobTitle: "Director", department: "Manufacturing" },
  { given: "Diego", surname: "Siciliani", alias: "diego", jobTitle: "HR Manager", department: "HR" },
  { given: "Isaiah", surname: "Langer", alias: "isaiah", jobTitle: "Sales Rep", department: "Sales" },
  { given: "Johanna", surname: "Lorenz", alias: "johanna", jobTitle: "Senior Engineer", department: "Engineering" },
  { given: "Lidia", surname: "Holloway", alias: "lidia", jobTitle: "Product Manager", department: "Engineering" },
  { given: "Lynne", surname: "Robbins", alias: "lynne", jobTitle: "Planner", department: "Retail" },
  { given: "Nestor", surname: "Wilke", alias: "nestor", jobTitle: "Director", department: "Operations", isAdmin: true },
  { given: "Patti", surname: "Fernandez", alias: "patti", jobTitle: "President", department: "Executive Management" },
  { given: "Pradeep", surname: "Gupta", alias: "pradeep", jobTitle: "Accountant", department: "Finance" },
  { given: "Grady", surname: "Archie", alias: "grady", jobTitle: "Designer", department: "R&D" },
  { given: "Joni", surname: "Sherman", alias: "joni", jobTitle: "Paralegal", department: "Legal" },
  { given: "Miriam", surname: "Graham", alias: "miriam", jobTitle: "Director", department: "Sales & Marketing" },
  { given: "Henrietta", surname: "Mueller", alias: "henrietta", jobTitle: "Developer", department: "R&D" },
];

export const FABRIKAM_PEOPLE: Persona[] = [
  { given: "Ravi", surname: "Kumar", alias: "ravi", jobTitle: "IT Administrator", department: "IT", isAdmin: true },
  { given: "Sara", surname: "Davis", alias: "sara", jobTitle: "Account Manager", department: "Sales" },
];

/** Extra colleagues, so a large dataset can have many distinct one-on-one chats. */
export const EXTRA_GIVEN = [
  "Amara",
  "Bruno",
  "Chen",
  "Dana",
  "Emeka",
  "Farah",
  "Goran",
  "Hana",
  "Ivan",
  "Jules",
  "Kenji",
  "Lena",
];
export const EXTRA_SURNAMES = [
  "Okafor",
  "Silva",
  "Wei",
  "Novak",
  "Haddad",
  "Ito",
  "Larsen",
  "Moreau",
  "Petrov",
  "Quinn",
];

export const TEAM_NAMES: Array<{ name: string; description: string; channels: string[] }> = [
  {
    name: "Mark 8 Project Team",
    description: "Everything about the Mark 8 launch",
    channels: ["Research and Development", "Design", "Launch"],
  },
  {
    name: "Sales and Marketing",
    description: "Campaigns, pipeline and market research",
    channels: ["Monthly Reports", "Campaigns", "Leads"],
  },
  { name: "Retail", description: "Store operations and merchandising", channels: ["Store Ops", "Merchandising"] },
  { name: "U.S. Sales", description: "North America sales team", channels: ["West", "East", "Central"] },
  { name: "Digital Initiative Public Relations", description: "Press and social media", channels: ["Press", "Social"] },
  { name: "Contoso Life", description: "News and events for everyone at Contoso", channels: ["Events", "Kudos"] },
  {
    name: "Engineering",
    description: "Platform, tooling and on-call",
    channels: ["On-call", "Releases", "Architecture"],
  },
  { name: "Leadership", description: "Leadership team (private)", channels: ["Planning", "Hiring"] },
  { name: "Design Archive 2023", description: "Archived design reviews", channels: ["Reviews"] },
];

export const CHAT_TOPICS = [
  "Q3 planning",
  "Launch checklist",
  "Budget review",
  "Offsite logistics",
  "Customer escalation",
  "Design sync",
  "Hiring loop",
  "Weekly standup",
  "Brand refresh",
  "Partner onboarding",
  "Release train",
  "Security review",
  "Roadmap",
  "Holiday campaign",
  "Vendor selection",
];

export const SENTENCES = [
  "Can you take a look at the latest draft?",
  "I moved the meeting to Thursday afternoon.",
  "The numbers for last quarter are in the shared folder.",
  "Thanks, that works for me!",
  "Let's sync after lunch.",
  "I added my comments to the deck.",
  "Customer feedback has been very positive so far.",
  "We need sign-off before Friday.",
  "Could you share the recording?",
  "Great work on the demo today.",
  "The build is green again.",
  "Who owns the follow-up with legal?",
  "I'll be out of office on Monday.",
  "Here is the agenda for tomorrow.",
  "Does anyone have the updated price list?",
];

export const FILE_NAMES = ["Q3 plan.docx", "Budget.xlsx", "Launch deck.pptx", "Specs.pdf", "Notes.docx"];

/** Northwind: users may consent only to low-impact permissions. */
export const NORTHWIND_PEOPLE: Persona[] = [
  { given: "Nina", surname: "Park", alias: "nina", jobTitle: "Buyer", department: "Purchasing" },
  { given: "Omar", surname: "Haddad", alias: "omar", jobTitle: "IT Administrator", department: "IT", isAdmin: true },
  { given: "Priya", surname: "Shah", alias: "priya", jobTitle: "Logistics Lead", department: "Operations" },
  { given: "Tom", surname: "Berg", alias: "tom", jobTitle: "Sales Rep", department: "Sales" },
];

/** A personal Microsoft account (outlook.com-style), in the `consumers` tenant. */
export const PERSONAL_PEOPLE: Persona[] = [
  { given: "Pat", surname: "Taylor", alias: "pat", jobTitle: "", department: "" },
];
