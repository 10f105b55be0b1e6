// Names of the places Safe Harbor allows: states and countries (and the UK's nations, Canada's
// provinces, Australia's states). Any other place a person is said to live in is a geographic unit
// smaller than a state.
const ALLOWED_PLACES = [
  // US states and DC
  "Alabama", "Alaska", "Arizona", "Arkansas", "California", "Colorado", "Connecticut", "Delaware", "Florida", "Georgia",
  "Hawaii", "Idaho", "Illinois", "Indiana", "Iowa", "Kansas", "Kentucky", "Louisiana", "Maine", "Maryland", "Massachusetts",
  "Michigan", "Minnesota", "Mississippi", "Missouri", "Montana", "Nebraska", "Nevada", "New Hampshire", "New Jersey",
  "New Mexico", "New York", "North Carolina", "North Dakota", "Ohio", "Oklahoma", "Oregon", "Pennsylvania", "Rhode Island",
  "South Carolina", "South Dakota", "Tennessee", "Texas", "Utah", "Vermont", "Virginia", "Washington", "West Virginia",
  "Wisconsin", "Wyoming", "District of Columbia", "Puerto Rico",
  // UK, Ireland and its nations
  "UK", "United Kingdom", "Britain", "Great Britain", "England", "Scotland", "Wales", "Northern Ireland", "Ireland",
  // Canada's provinces, Australia's states
  "Ontario", "Quebec", "British Columbia", "Alberta", "Manitoba", "Saskatchewan", "Nova Scotia", "New Brunswick",
  "Newfoundland", "New South Wales", "Victoria", "Queensland", "Tasmania", "South Australia", "Western Australia",
  // countries
  "US", "USA", "United States", "America", "Canada", "Mexico", "Brazil", "Argentina", "Chile", "Colombia", "Peru",
  "France", "Germany", "Spain", "Portugal", "Italy", "Netherlands", "Belgium", "Switzerland", "Austria", "Denmark",
  "Norway", "Sweden", "Finland", "Iceland", "Poland", "Czechia", "Hungary", "Romania", "Bulgaria", "Greece", "Turkey",
  "Ukraine", "Russia", "Israel", "Iran", "Iraq", "Syria", "Lebanon", "Jordan", "Egypt", "Morocco", "Nigeria", "Ghana",
  "Kenya", "Ethiopia", "South Africa", "Zimbabwe", "Uganda", "Somalia", "Sudan", "India", "Pakistan", "Bangladesh",
  "Sri Lanka", "Nepal", "Afghanistan", "China", "Japan", "Korea", "South Korea", "Vietnam", "Thailand", "Malaysia",
  "Singapore", "Indonesia", "Philippines", "Australia", "New Zealand", "Eritrea", "Jamaica", "Europe", "Africa", "Asia",
];

const ALLOWED = new Set(ALLOWED_PLACES.map((p) => p.toLowerCase()));

export function isStateOrCountry(place: string): boolean {
  return ALLOWED.has(place.replace(/^the\s+/i, "").trim().toLowerCase());
}

/** US state abbreviations, which precede a ZIP code in an address ("Springfield, IL 62704"). */
export const US_STATE_CODES =
  "AL|AK|AZ|AR|CA|CO|CT|DE|FL|GA|HI|ID|IL|IN|IA|KS|KY|LA|ME|MD|MA|MI|MN|MS|MO|MT|NE|NV|NH|NJ|NM|NY|NC|ND|OH|OK|OR|PA|RI|SC|SD|TN|TX|UT|VT|VA|WA|WV|WI|WY|DC";
