/*
 * catalogue.c - the built-in questionnaire "core", version 1, and the lookups
 * over any catalogue.
 *
 * Owns the questionnaire content: dimensions, items (question, help text,
 * recommendation, weight, criteria from the domain brief) and knock-outs.
 * Every question is worded so that a higher answer means more ready.  The
 * keys are what the store keeps; change a text freely, never a key (a new
 * or removed item means a new catalogue version).
 */
#include "config.h"

#include "catalogue.h"

#include <stddef.h>
#include <string.h>

#include "i18n.h"

enum {
	DIM_GOALS,
	DIM_CHANNELS,
	DIM_RESOURCES,
	DIM_ORGANISATION,
	DIM_POLICY,
	DIM_MEASUREMENT,
	DIM_SKILLS,
	DIM_COUNT
};

static const struct cat_dimension core1_dims[DIM_COUNT] = {
	[DIM_GOALS] = { "goals", N_("Goals"),
		N_("Why the company wants to be on social media and what it should bring") },
	[DIM_CHANNELS] = { "channels", N_("Audience and channels"),
		N_("Which networks fit the company's customers and purpose") },
	[DIM_RESOURCES] = { "resources", N_("Resources and stamina"),
		N_("People, time and money for a presence that lasts") },
	[DIM_ORGANISATION] = { "organisation", N_("Organisation and pipeline"),
		N_("How incoming messages reach the right person and who may decide") },
	[DIM_POLICY] = { "policy", N_("Policy"),
		N_("Written rules for how the company behaves on social media") },
	[DIM_MEASUREMENT] = { "measurement", N_("Measurement"),
		N_("Metrics and tools that show whether the goal comes closer") },
	[DIM_SKILLS] = { "skills", N_("Skills and speed"),
		N_("Know-how of the team and how fast it can react") },
};

/* Item indexes the knock-outs refer to; keep them in step with core1_items. */
enum {
	ITEM_GOALS_PURPOSE = 0,
	ITEM_RESOURCES_LONG_TERM = 6,
	ITEM_RESOURCES_TIME = 8
};

static const struct cat_item core1_items[] = {
	/* --- goals --- */
	{ "goals.purpose", DIM_GOALS,
	  N_("We can say in one or two sentences what our company wants to achieve with social media."),
	  N_("Ready means everyone involved gives the same answer to the question \"why are we doing this?\". Without that answer nobody can tell later whether the effort paid off."),
	  N_("Hold a short meeting with management and write down, in two sentences, what social media should achieve for the company. Do not start before this is settled."),
	  3, { "C1", "W1", NULL } },
	{ "goals.business", DIM_GOALS,
	  N_("Our social media goal serves a concrete business goal, such as winning new customers, customer service or recruiting."),
	  N_("Ready means the social media goal is linked to something the business already cares about, so it can be weighed against other ways of reaching the same goal."),
	  N_("Pick the one business goal social media should support first (for example leads, service or recruiting) and note how you would notice progress towards it."),
	  2, { "C1", NULL } },
	{ "goals.achievable", DIM_GOALS,
	  N_("Our first goal is small and achievable rather than ambitious."),
	  N_("Ready means the company starts with a modest goal it can reach in the first months and grows from there, instead of promising too much at once."),
	  N_("Cut the first goal down to something the team can reach within three to six months, and plan the next step only once it is reached."),
	  1, { "C1", NULL } },
	/* --- channels --- */
	{ "channels.audience", DIM_CHANNELS,
	  N_("We know which social networks our customers and prospects actually use."),
	  N_("Ready means the company has found out where its audience spends time online, by asking customers or looking at evidence, not by guessing."),
	  N_("Ask ten typical customers which networks they use for work or purchases, and write down the two or three names that come up most."),
	  2, { "C2", NULL } },
	{ "channels.choice", DIM_CHANNELS,
	  N_("We chose one or a few networks on purpose, to fit our goal, not because they are popular right now."),
	  N_("Ready means a deliberate choice of few networks that match the goal and the audience; being everywhere at once is not a goal."),
	  N_("Choose at most two networks that fit both your goal and your audience, and write down why. Leave the others aside for now."),
	  2, { "C2", NULL } },
	{ "channels.analytics", DIM_CHANNELS,
	  N_("We have checked our website statistics to see which networks already bring us visitors."),
	  N_("Ready means the company has looked at its web analytics and knows which networks already send traffic, as a hint where a presence would pay off."),
	  N_("Open your website statistics, look at the visitors who came from social networks over the last months, and note which networks they came from."),
	  1, { "C2", NULL } },
	/* --- resources --- */
	[ITEM_RESOURCES_LONG_TERM] = { "resources.long_term", DIM_RESOURCES,
	  N_("We have decided to keep up our social media presence for the long run, not just for a trial of a few weeks."),
	  N_("Ready means the company sees social media as an ongoing task and has committed to it for at least a year. A presence that falls silent after a few weeks harms the company's image more than none at all."),
	  N_("Have management decide how long the company commits to social media (at least twelve months) and put that commitment in writing before the first post."),
	  3, { "C3", "W2", NULL } },
	{ "resources.budget", DIM_RESOURCES,
	  N_("We know how much money and working time we will invest in social media over the next year."),
	  N_("Ready means there is a budget for working time, tools and perhaps advertising, planned like any other marketing activity."),
	  N_("Draw up a simple one-year plan of the hours per week and the money you will spend, and have it approved."),
	  2, { "C3", NULL } },
	[ITEM_RESOURCES_TIME] = { "resources.time", DIM_RESOURCES,
	  N_("At least one person has fixed working time for social media, on top of their other duties."),
	  N_("Ready means someone is paid for, or has firmly agreed to, posting and answering regularly, and this time is really set aside, not squeezed in when there is nothing else to do."),
	  N_("Name the person responsible for social media and agree on fixed hours per week for it; take other work off their desk to make room."),
	  3, { "C3", "W5", "W6" } },
	{ "resources.staff", DIM_RESOURCES,
	  N_("We have enough people to keep social media going during holidays and sick leave."),
	  N_("Ready means social media does not depend on a single person: a second person can step in so the presence never goes quiet."),
	  N_("Name a deputy for the person responsible and let them take over for one week as a trial run."),
	  2, { "W6", NULL } },
	{ "resources.in_house", DIM_RESOURCES,
	  N_("Our social media is run by our own staff; an agency helps at most."),
	  N_("Ready means the company's own people speak for it on social media. An agency can advise or produce material, but if it does everything the company itself does not learn or change."),
	  N_("Bring the day-to-day posting and answering into the company; if you work with an agency, limit it to coaching and support."),
	  2, { "W3", NULL } },
	/* --- organisation --- */
	{ "organisation.pipeline", DIM_ORGANISATION,
	  N_("There is an agreed route that passes incoming messages (complaints, questions, product ideas) quickly to the right person in the team."),
	  N_("Ready means it is clear who receives what: a complaint reaches customer service, an idea reaches product development, and nothing gets stuck with the person who happened to read it."),
	  N_("List the kinds of messages you expect and, for each, who handles it and how it gets to them. Share the list with everyone involved."),
	  2, { "C4", NULL } },
	{ "organisation.before_launch", DIM_ORGANISATION,
	  N_("This route was set up and tried out before we went live, or will be before we do."),
	  N_("Ready means the internal routing works before the first customer writes, not after the first complaint has been left unanswered."),
	  N_("Run a trial: send a few made-up messages through the route and check that each one reaches the right person in time."),
	  1, { "C4", NULL } },
	{ "organisation.empowerment", DIM_ORGANISATION,
	  N_("The people running our social media may answer and decide within agreed limits without asking management every time."),
	  N_("Ready means management trusts its staff and has set out what they may decide on their own, so answers do not wait for approval."),
	  N_("Write down what the social media team may answer and decide on its own and what must go to management, and tell the team."),
	  2, { "W4", NULL } },
	{ "organisation.backing", DIM_ORGANISATION,
	  N_("Management understands why social media matters and backs the people who do it."),
	  N_("Ready means management takes social media seriously as contact with customers, gives it priority and stands behind the team when something goes wrong."),
	  N_("Present the goal and the plan to management and ask for an explicit commitment, including time for the team."),
	  1, { "W4", "W5", NULL } },
	/* --- policy --- */
	{ "policy.document", DIM_POLICY,
	  N_("We have a written social media policy, and the staff know it."),
	  N_("Ready means there is an internal document with the rules of engagement: who speaks for the company, what is allowed and what is not, and how to start conversations."),
	  N_("Write a short policy of one or two pages (who posts, what tone, what is off limits) and go through it with the staff."),
	  2, { "C5", NULL } },
	{ "policy.negative", DIM_POLICY,
	  N_("We have agreed how to respond to criticism and negative mentions."),
	  N_("Ready means the team knows how to answer an angry customer or a critical post, when to take it to a private channel and when to call in management."),
	  N_("Agree on three or four steps for handling criticism and write sample answers for the most likely complaints."),
	  2, { "C5", NULL } },
	{ "policy.networks", DIM_POLICY,
	  N_("For each network we use, we have agreed what we post there, in which tone and how often."),
	  N_("Ready means every network has a clear role, so posts fit the place and the audience instead of the same text going everywhere."),
	  N_("For each chosen network, write one line on its purpose, its tone and how often you post, and add it to the policy."),
	  1, { "C5", NULL } },
	/* --- measurement --- */
	{ "measurement.metrics", DIM_MEASUREMENT,
	  N_("We have chosen metrics that follow from our goal, such as engagement, mentions, leads or sentiment."),
	  N_("Ready means the figures watched are the ones that show progress towards the goal, not just whatever is easiest to count."),
	  N_("For your goal, pick two or three figures that would show progress, and note their current value as a starting point."),
	  2, { "C6", NULL } },
	{ "measurement.tools", DIM_MEASUREMENT,
	  N_("We have tools in place to track these metrics regularly."),
	  N_("Ready means the figures can be collected without much effort, with the networks' own statistics or a monitoring tool."),
	  N_("Set up the statistics pages of your networks or a simple monitoring tool, and check that it delivers the figures you chose."),
	  1, { "C6", NULL } },
	{ "measurement.review", DIM_MEASUREMENT,
	  N_("We look at the figures at fixed intervals and adjust what we do."),
	  N_("Ready means social media is reviewed like any other marketing activity: results are compared with the goal and the plan is changed when needed."),
	  N_("Put a monthly review in the calendar: compare the figures with the goal and decide on one thing to change."),
	  1, { "C6", NULL } },
	/* --- skills --- */
	{ "skills.expertise", DIM_SKILLS,
	  N_("The people who run our social media know how the chosen networks work."),
	  N_("Ready means the team knows the customs, features and pitfalls of its networks and can write posts that suit them."),
	  N_("Find out what the team still needs to learn and book a training course or a coaching session for the chosen networks."),
	  2, { "W7", NULL } },
	{ "skills.learning", DIM_SKILLS,
	  N_("There is time and money for the team to keep learning about social media."),
	  N_("Ready means the team can keep its skills up to date, because networks and habits change quickly."),
	  N_("Set aside a few hours a month and a small budget for training, and let the team share what it learns."),
	  1, { "W7", NULL } },
	{ "skills.response", DIM_SKILLS,
	  N_("We can answer questions and complaints on social media within one working day."),
	  N_("Ready means customers get a reply quickly, because on social media a slow answer is seen by everyone and reads as a lack of interest."),
	  N_("Set a target response time (at most one working day), make sure someone checks messages every working day, and measure how well you keep to it."),
	  3, { "W8", NULL } },
};

static const struct cat_knockout core1_knockouts[] = {
	{ "no-goal", ITEM_GOALS_PURPOSE, 1, N_("No goal"),
	  N_("Without a goal there is nothing to aim for and no way to tell whether social media helps the company. Effort goes in, but nobody knows what should come out.") },
	{ "no-long-term", ITEM_RESOURCES_LONG_TERM, 1, N_("No long-term commitment"),
	  N_("Social media only works over time. A presence that is started and then left to go quiet ends right after the start and damages the company's image.") },
	{ "no-time", ITEM_RESOURCES_TIME, 1, N_("Nobody has time for it"),
	  N_("If nobody has working time for social media, customers who write are not answered. That tells them they are not taken seriously, which does more harm than having no presence at all.") },
};

static const struct catalogue core1 = {
	.id = "core",
	.version = 1,
	.dims = core1_dims,
	.n_dims = DIM_COUNT,
	.items = core1_items,
	.n_items = (int)(sizeof core1_items / sizeof core1_items[0]),
	.knockouts = core1_knockouts,
	.n_knockouts = (int)(sizeof core1_knockouts / sizeof core1_knockouts[0]),
};

const struct catalogue *catalogue_builtin(void)
{
	return &core1;
}

const struct catalogue *catalogue_find(const char *id, int version)
{
	if (id == NULL)
		return NULL;
	if (strcmp(id, core1.id) == 0 && version == core1.version)
		return &core1;
	return NULL;
}

int catalogue_item_index(const struct catalogue *cat, const char *key)
{
	if (cat == NULL || key == NULL)
		return -1;
	for (int i = 0; i < cat->n_items; i++)
		if (strcmp(cat->items[i].key, key) == 0)
			return i;
	return -1;
}

int catalogue_dim_index(const struct catalogue *cat, const char *key)
{
	if (cat == NULL || key == NULL)
		return -1;
	for (int i = 0; i < cat->n_dims; i++)
		if (strcmp(cat->dims[i].key, key) == 0)
			return i;
	return -1;
}

int catalogue_item_knockout(const struct catalogue *cat, int item)
{
	if (cat == NULL)
		return -1;
	for (int k = 0; k < cat->n_knockouts; k++)
		if (cat->knockouts[k].item == item)
			return k;
	return -1;
}

const char *catalogue_scale_label(int value)
{
	static const char *const labels[SCALE_LEVELS] = {
		N_("not at all"), N_("a little"), N_("partly"),
		N_("largely"), N_("fully"),
	};

	if (value >= ANSWER_MIN && value <= ANSWER_MAX)
		return labels[value - ANSWER_MIN];
	if (value == ANSWER_DONT_KNOW)
		return N_("don't know");
	/* Anything else cannot be shown as an answer: treat it as none. */
	return N_("unanswered");
}

bool catalogue_value_valid(int value)
{
	return value == ANSWER_DONT_KNOW ||
	       (value >= ANSWER_MIN && value <= ANSWER_MAX);
}

/* Inserts id into the sorted array out[0..n) unless present; returns new n. */
static int criteria_insert(const char **out, int n, int max, const char *id)
{
	int pos = 0;

	while (pos < n && strcmp(out[pos], id) < 0)
		pos++;
	if (pos < n && strcmp(out[pos], id) == 0)
		return n;
	if (n >= max)
		return n;
	memmove(&out[pos + 1], &out[pos], (size_t)(n - pos) * sizeof out[0]);
	out[pos] = id;
	return n + 1;
}

int catalogue_criteria_covered(const struct catalogue *cat,
                               const char **out, int max)
{
	int n = 0;

	if (cat == NULL || out == NULL || max <= 0)
		return 0;
	for (int i = 0; i < cat->n_items; i++)
		for (int c = 0; c < CAT_MAX_CRITERIA && cat->items[i].criteria[c]; c++)
			n = criteria_insert(out, n, max, cat->items[i].criteria[c]);
	return n;
}
