package demojournal

// Name lists. Everyone is fictional; the names are common Norwegian ones.
//
// Two disjoint pools: people whose names appear in the public journal
// (applicants for building permits, neighbours, staff …) and people whose
// names are always screened (children, clients, employees in personnel
// cases). Because the pools share no first name and no surname, a test can
// check that a screened name never shows up anywhere public, and a search
// for a screened name in the demo finds nothing.

var publicFirstNames = []string{
	"Ola", "Kari", "Per", "Anne", "Lars", "Ingrid", "Jon", "Marit", "Knut", "Hilde",
	"Tor", "Randi", "Geir", "Silje", "Erik", "Tone", "Arne", "Heidi", "Bjørn", "Liv",
	"Håkon", "Sigrid", "Øystein", "Åse", "Trond", "Gunn", "Svein", "Berit", "Stian", "Kjersti",
	"Rune", "Linda", "Frode", "Elin", "Kjell", "Mona", "Terje", "Grete", "Roar", "Hege",
	"Morten", "Trine", "Jørn", "Nina", "Odd", "Wenche", "Espen", "Lene", "Vidar", "Bente",
	"Steinar", "Line", "Ketil", "Camilla", "Are", "Tove", "Harald", "Eva", "Jostein", "Marianne",
}

var publicSurnames = []string{
	"Hansen", "Johansen", "Olsen", "Larsen", "Andersen", "Pedersen", "Nilsen", "Kristiansen",
	"Jensen", "Karlsen", "Johnsen", "Pettersen", "Eriksen", "Berg", "Haugen", "Hagen",
	"Jakobsen", "Mikalsen", "Kvalnes", "Storvik", "Sørensen", "Fagerli", "Lorentzen", "Edvardsen",
	"Mortensen", "Strand", "Bakken", "Solberg", "Lund", "Moen", "Nygård", "Rasmussen",
	"Simonsen", "Amundsen", "Knutsen", "Brekke", "Sivertsen", "Olaussen", "Hatten", "Bratland",
	"Aasen", "Dahl", "Jørgensen", "Henriksen", "Paulsen", "Arntzen", "Steinbakk", "Bjørklund",
	"Halvorsen", "Hjartøy",
}

// Children's names: pupils and children applying for a kindergarten place.
var secretChildNames = []string{
	"Emma", "Nora", "Sofie", "Jakob", "Filip", "Lukas", "Oliver", "Ella", "Leah", "Sander",
	"Mathilde", "Aksel", "Iver", "Tiril", "Ylva", "Vilde", "Ludvig", "Frida", "Oskar", "Hedda",
	"Elias", "Amalie", "Theodor", "Selma", "Isak", "Maja", "Olav", "Alma", "Johannes", "Ingeborg",
	"Mikkel", "Sara", "Noah", "Aurora", "Edvard", "Hanna", "Tuva", "Kasper", "Ida", "Emil",
}

// Adults whose names are screened: parents, clients, employees, applicants
// who asked to be exempted from the public list of applicants.
var secretAdultNames = []string{
	"Torunn", "Solveig", "Ragnhild", "Gudrun", "Alf", "Einar", "Oddvar", "Reidun", "Kåre", "Magnhild",
	"Asbjørn", "Borghild", "Ingvald", "Jorunn", "Halvard", "Oddny", "Ragnar", "Sigmund", "Torbjørg", "Gunnar",
	"Henny", "Leif", "Ellinor", "Birger", "Aslaug", "Ivar", "Synnøve", "Martin", "Cecilie", "Eirik",
	"Henrik", "Magnus", "Astrid", "Sverre", "Mari", "Andreas", "Kristin", "Thomas", "Helene", "Jonas",
}

var secretSurnames = []string{
	"Nordvik", "Myrvang", "Lillevik", "Sandnes", "Bjørnstad", "Øvergård", "Tverrå", "Kvandal",
	"Rødsand", "Langset", "Fjellheim", "Brattli", "Skogmo", "Helgesen", "Engvik", "Mølnvik",
	"Sætermo", "Korsnes", "Bergland", "Ørnes", "Alstad", "Reinfjell", "Hundstad", "Elvebakk",
	"Flatmo", "Grønnli", "Holmvik", "Kleven", "Lysfjord", "Mjelde", "Nesjan", "Rønning",
	"Skaret", "Tømmerås", "Urdal", "Vassli", "Åsvang", "Finnvik",
}

// district is a part of Mo i Rana with its postcode and some street names.
type district struct {
	name, postnr, poststed string
	streets                []string
}

// Streets are invented but sound like the district they belong to.
var districts = []district{
	{"Selfors", "8614", "Mo i Rana", []string{"Selforsveien", "Gruvekroken", "Bjørkeveien", "Selforsbakken"}},
	{"Ytteren", "8618", "Mo i Rana", []string{"Ytterenveien", "Ytterlia", "Kvitbergveien", "Revelbakken"}},
	{"Båsmoen", "8616", "Mo i Rana", []string{"Båsmoveien", "Myrveien", "Lyngstien", "Båsmoåsen"}},
	{"Hauknes", "8617", "Mo i Rana", []string{"Hauknesveien", "Strandlia", "Fjordgløttveien", "Naustveien"}},
	{"Gruben", "8613", "Mo i Rana", []string{"Grubenveien", "Idrettsgata", "Kirkeveien", "Skolegata"}},
	{"Mo sentrum", "8622", "Mo i Rana", []string{"Jernbanegata", "Sjøgata", "Torggata", "Elvegata"}},
	{"Skonseng", "8630", "Storforshei", []string{"Dunderlandsveien", "Skonsengveien", "Elvetun"}},
}

// Building lots for sale in new housing areas.
var boligfelt = []string{
	"Båsmoen boligfelt", "Hauknes boligfelt", "Ytterlia boligfelt", "Skonseng boligfelt", "Selforslia boligfelt",
}

// municipalBuildings are buildings the municipality owns and runs.
var municipalBuildings = []string{
	"Gruben skole", "Båsmoen skole", "Mo ungdomsskole", "Selfors sykehjem", "Ytteren barnehage",
	"Hauknes barnehage", "Rådhuset", "Kulturhuset", "Svømmehallen på Mo", "Selfors barnehage",
}
